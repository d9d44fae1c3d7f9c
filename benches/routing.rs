//! Routing throughput: one event against 1,000 compiled EventBridge patterns, and
//! one SNS message against 1,000 filter policies. Prints evaluations per second.
//! Run with `cargo bench --bench routing`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use decouple_lab::routing::{EventPattern, FilterPolicy, FilterPolicyScope, SnsMessage};
use serde_json::json;

const RULES: usize = 1_000;

fn event_patterns() -> Vec<EventPattern> {
    (0..RULES)
        .map(|i| {
            let text = match i % 5 {
                0 => format!(r#"{{"source": ["app.orders"], "detail-type": ["Order {i}"]}}"#),
                1 => format!(r#"{{"detail": {{"amount": [{{"numeric": [">", {i}, "<=", 5000]}}]}}}}"#),
                2 => format!(r#"{{"detail": {{"customer": {{"tier": [{{"prefix": "gold-{i}"}}]}}}}}}"#),
                3 => r#"{"detail": {"items": {"sku": [{"anything-but": ["A-1", "B-2"]}]}, "ip": [{"cidr": "10.0.0.0/8"}]}}"#.to_owned(),
                _ => r#"{"$or": [{"source": [{"wildcard": "app.*"}]}, {"detail": {"region": [{"exists": false}]}}]}"#.to_owned(),
            };
            EventPattern::parse(&text).expect("benchmark patterns are valid")
        })
        .collect()
}

fn sns_policies() -> Vec<FilterPolicy> {
    (0..RULES)
        .map(|i| {
            let text = format!(
                r#"{{"store": ["shop-{}", "shop-x"], "price": [{{"numeric": [">=", {}]}}], "kind": [{{"prefix": "ord"}}]}}"#,
                i % 50,
                i % 200
            );
            FilterPolicy::parse(&text, FilterPolicyScope::MessageAttributes).expect("benchmark policies are valid")
        })
        .collect()
}

/// Runs `round` (which evaluates `RULES` rules) for about `budget`, returns evaluations/s.
fn measure(budget: Duration, mut round: impl FnMut() -> usize) -> (f64, usize) {
    let start = Instant::now();
    let mut evaluations = 0usize;
    let mut matched = 0usize;
    while start.elapsed() < budget {
        matched += round();
        evaluations += RULES;
    }
    (evaluations as f64 / start.elapsed().as_secs_f64(), matched)
}

fn main() {
    let patterns = event_patterns();
    let event = json!({
        "source": "app.orders", "detail-type": "Order 3",
        "detail": {"amount": 1234.5, "ip": "10.1.2.3", "customer": {"tier": "gold-2"},
                   "items": [{"sku": "A-1"}, {"sku": "C-9"}]}
    });
    let (rate, matched) = measure(Duration::from_secs(2), || {
        patterns.iter().filter(|p| p.matches(black_box(&event))).count()
    });
    println!("eventbridge: {rate:>12.0} pattern evaluations/s ({matched} matches counted)");

    let policies = sns_policies();
    let message = SnsMessage::new("{}")
        .with_attribute("store", "String", "shop-7")
        .with_attribute("price", "Number", "150")
        .with_attribute("kind", "String", "order");
    let (rate, matched) = measure(Duration::from_secs(2), || {
        policies.iter().filter(|p| p.matches(black_box(&message))).count()
    });
    println!("sns:         {rate:>12.0} policy evaluations/s ({matched} matches counted)");
}
