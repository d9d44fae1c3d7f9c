//! Playback in headless Chromium: play a client → queue → function diagram, take the
//! function down and see the queue fill while users see no error, bring it back and
//! see it drain; step and reset; the same seed gives the same books.

mod support;

use decouple_lab::model::{spec::Spec, ComponentKind, Diagram, Point};
use fantoccini::{Client, Locator};
use std::time::Duration;
use support::{screenshot, wait_for_count};

fn queue_and_function() -> Diagram {
    let mut d = Diagram::new();
    let shop = d.add_component(ComponentKind::Client, "Shop", Point { x: 0.0, y: 0.0 });
    let orders = d.add_component(ComponentKind::Queue, "Orders", Point { x: 280.0, y: 0.0 });
    let worker = d.add_component(ComponentKind::Function, "Worker", Point { x: 560.0, y: 0.0 });
    if let Some(Spec::Client(c)) = d.component_mut(shop).map(|c| &mut c.spec) {
        c.rate_per_s = 20.0;
    }
    d.connect(shop, orders).expect("client to queue");
    d.connect(orders, worker).expect("queue to function");
    d
}

/// The number in a box's badge, by its label word ("waiting", "failed").
async fn badge_number(c: &Client, kind: &str, word: &str) -> u64 {
    let text = match c.find(Locator::Css(&format!(r#".node[data-kind="{kind}"] .node-badge text"#))).await {
        Ok(e) => e.text().await.unwrap_or_default(),
        Err(_) => return 0,
    };
    text.split(" · ").find(|part| part.ends_with(word)).and_then(|part| part.split_whitespace().next()).and_then(|n| n.parse().ok()).unwrap_or(0)
}

async fn clock(c: &Client) -> f64 {
    let el = c.find(Locator::Css(".clock-value")).await.expect("clock");
    el.attr("data-now").await.expect("attr").and_then(|v| v.parse().ok()).unwrap_or(0.0)
}

async fn click_button(c: &Client, label_start: &str) {
    c.find(Locator::Css(&format!(r#"button[aria-label^="{label_start}"], button[title^="{label_start}"]"#)))
        .await
        .unwrap_or_else(|_| panic!("a {label_start} button"))
        .click()
        .await
        .expect("click");
}

async fn wait_until_clock(c: &Client, seconds: f64) {
    for _ in 0..400 {
        if clock(c).await >= seconds {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the simulated clock did not reach {seconds} s");
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn a_queue_absorbs_a_worker_outage_and_the_run_is_reproducible() {
    let b = support::open_app().await;
    let c = &b.client;
    c.goto(&decouple_lab::share::link_for(&queue_and_function(), &b.base_url).url).await.expect("open the diagram");
    wait_for_count(c, ".node", 3).await;

    // Play at 25×.
    c.find(Locator::Css(".speed-select option[value='25']")).await.expect("25×").click().await.expect("choose 25×");
    click_button(c, "Play").await;
    wait_until_clock(c, 10.0).await;
    screenshot(c, "playback-running").await;

    // Take the function down.
    c.find(Locator::Css(r#".node[data-kind="function"]"#)).await.expect("the function").click().await.expect("select");
    c.find(Locator::XPath("//button[normalize-space()='Take down now']")).await.expect("Take down").click().await.expect("down");
    let t = clock(c).await;
    wait_until_clock(c, t + 20.0).await;
    // A broken function still receives and fails, so the orders sit in the queue as
    // waiting or in flight (back after the visibility timeout), never lost.
    let backlog = badge_number(c, "queue", "waiting").await + badge_number(c, "queue", "in flight").await;
    assert!(backlog > 100, "the queue holds the orders while the worker is down: {backlog}");
    assert_eq!(badge_number(c, "client", "failed").await, 0, "users see no error");
    screenshot(c, "playback-worker-down").await;

    // Bring it back: the queue drains.
    c.find(Locator::XPath("//button[normalize-space()='Bring back']")).await.expect("Bring back").click().await.expect("up");
    let t = clock(c).await;
    wait_until_clock(c, t + 30.0).await;
    let after = badge_number(c, "queue", "waiting").await + badge_number(c, "queue", "in flight").await;
    assert!(after < backlog / 4, "the backlog drains: {backlog} then {after}");

    // Pause, step one second, reset.
    click_button(c, "Pause").await;
    let paused = clock(c).await;
    click_button(c, "Step one simulated second").await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!((clock(c).await - paused - 1.0).abs() < 1e-6, "a step is one simulated second");
    click_button(c, "Reset the run").await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(clock(c).await, 0.0);

    // The same seed twice gives the same books.
    let mut summaries = Vec::new();
    for _ in 0..2 {
        click_button(c, "Reset the run").await;
        for _ in 0..15 {
            click_button(c, "Step one simulated second").await;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        summaries.push(c.find(Locator::Css(".run-summary")).await.expect("summary").text().await.expect("text"));
    }
    assert_eq!(summaries[0], summaries[1]);
    assert!(summaries[0].contains("created"), "{}", summaries[0]);

    // Another seed is another run (and resets the clock).
    let seed = c.find(Locator::Css("#seed-input")).await.expect("seed");
    assert_eq!(seed.prop("value").await.expect("value").as_deref(), Some("1"));
    seed.clear().await.expect("clear");
    seed.send_keys(&format!("7{}", fantoccini::key::Key::Enter)).await.expect("type");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(clock(c).await, 0.0, "a new seed resets the run");
    for _ in 0..15 {
        click_button(c, "Step one simulated second").await;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let other = c.find(Locator::Css(".run-summary")).await.expect("summary").text().await.expect("text");
    assert_ne!(other, summaries[0], "seed 7 gives another run");
    screenshot(c, "playback-seed").await;
    b.client.clone().close().await.expect("close");
}
