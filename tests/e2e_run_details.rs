//! What the run holds inside a component, in the inspector, in headless Chromium: a
//! state machine's executions (the saga with its payment failing shows the catcher and
//! the compensations, newest first), an event bus's archive and its Replay button, and
//! a stream's consumer with its iterator age and partitions.

mod support;

use decouple_lab::lessons::pattern;
use fantoccini::{Client, Locator};
use std::time::Duration;
use support::{screenshot, wait_for_count};

async fn open_pattern(c: &Client, base: &str, id: &str) -> usize {
    let diagram = pattern(id).expect("the pattern exists").diagram();
    let n = diagram.component_count();
    c.goto(&decouple_lab::share::link_for(&diagram, base).url).await.expect("open the pattern");
    wait_for_count(c, ".node", n).await;
    n
}

async fn select(c: &Client, name: &str) {
    c.find(Locator::Css(&format!(r#".node[aria-label^="{name},"]"#))).await.unwrap_or_else(|_| panic!("{name}")).click().await.expect("select");
}

async fn play_at(c: &Client, speed: &str) {
    c.find(Locator::Css(&format!(".speed-select option[value='{speed}']"))).await.expect("speed").click().await.expect("choose");
    c.find(Locator::Css("button[aria-label^='Play']")).await.expect("Play").click().await.expect("play");
}

/// Waits until `script` (a JS expression) is truthy.
async fn until(c: &Client, what: &str, script: &str) {
    for _ in 0..300 {
        if c.execute(&format!("return !!({script})"), vec![]).await.ok().and_then(|v| v.as_bool()).unwrap_or(false) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("timed out waiting for {what}");
}

async fn attr_number(c: &Client, selector: &str, attr: &str) -> u64 {
    let el = c.find(Locator::Css(selector)).await.unwrap_or_else(|_| panic!("{selector}"));
    el.attr(attr).await.expect("attr").and_then(|v| v.parse().ok()).unwrap_or(0)
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn a_failing_payment_shows_the_catcher_and_the_compensations_in_the_execution() {
    let b = support::open_app().await;
    let c = &b.client;
    open_pattern(c, &b.base_url, "saga").await;
    // Every payment fails from now on (a live fault).
    select(c, "Charge payment").await;
    c.find(Locator::Css(r#"button[data-error-rate="100"]"#)).await.expect("100%").click().await.expect("fail payments");
    play_at(c, "25").await;
    select(c, "Book trip (saga)").await;
    until(c, "a failed execution", r#"document.querySelector('.run-details .execution[data-status="failed"]')"#).await;
    assert!(attr_number(c, ".run-details [data-started]", "data-started").await > 0, "executions are counted");
    c.find(Locator::Css(r#".run-details .execution[data-status="failed"] .execution-head"#)).await.expect("a failed one").click().await.expect("open");
    until(c, "its states", "document.querySelectorAll('.execution.open tr[data-state]').length >= 5").await;
    // Read in one go: the panel re-renders twice a second during the run, so rows
    // found one call earlier can be gone by the next.
    let read = c
        .execute("return [...document.querySelectorAll('.execution.open tr[data-state]')].map(r => [r.dataset.state, r.dataset.stepStatus]);", vec![])
        .await
        .expect("rows");
    let states: Vec<(String, String)> = serde_json::from_value(read).expect("pairs of state and status");
    let named = |s: &str| states.iter().find(|(state, _)| state == s).map(|(_, status)| status.as_str());
    assert_eq!(named("ReserveHotel"), Some("succeeded"), "{states:?}");
    assert_eq!(named("BookFlight"), Some("succeeded"), "{states:?}");
    assert_eq!(named("ChargePayment"), Some("caught"), "the payment failed and its Catch fired: {states:?}");
    let order: Vec<&str> = states.iter().map(|(s, _)| s.as_str()).collect();
    let at = |s: &str| order.iter().position(|o| *o == s).unwrap_or(usize::MAX);
    assert!(at("ChargePayment") < at("CancelFlight") && at("CancelFlight") < at("CancelHotel"), "compensations newest first: {order:?}");
    let note = c.find(Locator::Css(r#".execution.open tr[data-state="ChargePayment"]"#)).await.expect("row").text().await.unwrap_or_default();
    assert!(note.contains("CancelFlight"), "the catcher says where it led: {note}");
    c.execute("document.querySelector('.execution.open').scrollIntoView({block: 'center'})", vec![]).await.expect("scroll");
    // The toolbar follows the same run.
    until(c, "the clock to move", "Number(document.querySelector('.clock-value').dataset.now) > 0").await;
    screenshot(c, "run-details-saga").await;
    b.client.clone().close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn the_archive_replays_from_the_inspector_and_the_stream_shows_its_consumer() {
    let b = support::open_app().await;
    let c = &b.client;
    open_pattern(c, &b.base_url, "event-sourcing").await;
    play_at(c, "25").await;
    select(c, "Account events (archived)").await;
    until(c, "archived events", r#"Number(document.querySelector('.run-details [data-archived]')?.dataset.archived) > 20"#).await;
    assert_eq!(c.find_all(Locator::Css(".run-details [data-replayed]")).await.expect("find").len(), 0, "nothing replayed yet");
    let rows_before = attr_number(c, ".run-details [data-archived]", "data-archived").await;
    c.find(Locator::Css(r#".run-details button[data-action="replay"]"#)).await.expect("Replay").click().await.expect("replay");
    until(c, "the replay", r#"Number(document.querySelector('.run-details [data-replayed]')?.dataset.replayed) > 0"#).await;
    let replayed = attr_number(c, ".run-details [data-replayed]", "data-replayed").await;
    assert!(replayed >= rows_before, "the whole archive went out again: {replayed} of {rows_before}");
    screenshot(c, "run-details-archive").await;

    select(c, "Event log (Kinesis)").await;
    until(c, "the stream's consumer", r#"document.querySelector('.run-details .stream-consumer [data-iterator-age]')"#).await;
    let text = c.find(Locator::Css(".run-details .stream-consumer")).await.expect("consumer").text().await.unwrap_or_default();
    assert!(text.contains("New consumer (fraud check)"), "the consumer is named: {text}");
    assert!(c.find_all(Locator::Css(".run-details .stream-consumer tbody tr")).await.expect("rows").len() >= 2, "one row per shard");
    b.client.clone().close().await.expect("close");
}
