//! Playback in headless Chromium: play a client → queue → function diagram, take the
//! function down and see the queue fill while users see no error, bring it back and
//! see it drain; step and reset; the same seed gives the same books. Then the run's
//! details: a live error rate shows in the badges within a simulated second, the chart
//! strip under the canvas, the event log and its filters, the message inspector (from
//! a log line and from a dot), a pattern step's "Do it" button, and Space playing and
//! pausing in either language (it calls the player, not a button found by its label).

mod support;

use decouple_lab::model::{spec::Spec, ComponentKind, Diagram, Point};
use fantoccini::{Client, Locator};
use std::time::Duration;
use support::{click_button, clock, queue_and_function, screenshot, shift_click, wait_for_count, wait_until_clock};

/// Figures a badge leaves out while they are zero; every other word is always shown.
const SHOWN_WHEN_NONZERO: [&str; 3] = ["in flight", "errors", "in DLQ"];

/// The number in a box's badge, by its label word ("waiting", "failed"). Fails when the
/// badge is missing, or lacks a figure it always shows: a missing badge is not a zero.
async fn badge_number(c: &Client, kind: &str, word: &str) -> u64 {
    let selector = format!(r#".node[data-kind="{kind}"] .node-badge text"#);
    let text = c.wait().for_element(Locator::Css(&selector)).await.unwrap_or_else(|_| panic!("no badge on the {kind}")).text().await.expect("badge text");
    match text.split(" · ").find(|part| part.ends_with(word)) {
        Some(part) => part.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("no number in {part:?}")),
        None if SHOWN_WHEN_NONZERO.contains(&word) => 0,
        None => panic!("the {kind}'s badge {text:?} has no {word:?}"),
    }
}

/// Waits for the clock to show exactly `seconds` (after a step or a reset).
async fn wait_for_clock(c: &Client, seconds: f64) {
    for _ in 0..200 {
        if (clock(c).await - seconds).abs() < 1e-6 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the simulated clock did not show {seconds} s but {}", clock(c).await);
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
    c.find(Locator::Css(r#".faults [data-outage="errors"] input"#)).await.expect("Errors").click().await.expect("down");
    let t = clock(c).await;
    wait_until_clock(c, t + 20.0).await;
    // A broken function still receives and fails, so the orders sit in the queue as
    // waiting or in flight (back after the visibility timeout), never lost.
    let backlog = badge_number(c, "queue", "waiting").await + badge_number(c, "queue", "in flight").await;
    assert!(backlog > 100, "the queue holds the orders while the worker is down: {backlog}");
    assert_eq!(badge_number(c, "client", "failed").await, 0, "users see no error");
    screenshot(c, "playback-worker-down").await;

    // Bring it back: the queue drains.
    c.find(Locator::Css(r#".faults [data-outage="running"] input"#)).await.expect("Running").click().await.expect("up");
    let t = clock(c).await;
    wait_until_clock(c, t + 30.0).await;
    let after = badge_number(c, "queue", "waiting").await + badge_number(c, "queue", "in flight").await;
    assert!(after < backlog / 4, "the backlog drains: {backlog} then {after}");

    // Pause, step one second, reset.
    click_button(c, "Pause").await;
    let paused = clock(c).await;
    click_button(c, "Step one simulated second").await;
    // A step is one simulated second.
    wait_for_clock(c, paused + 1.0).await;
    click_button(c, "Reset the run").await;
    wait_for_clock(c, 0.0).await;

    // The same seed twice gives the same books.
    let mut summaries = Vec::new();
    for _ in 0..2 {
        click_button(c, "Reset the run").await;
        wait_for_clock(c, 0.0).await;
        for _ in 0..15 {
            click_button(c, "Step one simulated second").await;
        }
        wait_for_clock(c, 15.0).await;
        summaries.push(c.find(Locator::Css(".run-summary")).await.expect("summary").text().await.expect("text"));
    }
    assert_eq!(summaries[0], summaries[1]);
    assert!(summaries[0].contains("sent"), "{}", summaries[0]);

    // Another seed is another run (and resets the clock).
    let seed = c.find(Locator::Css("#seed-input")).await.expect("seed");
    assert_eq!(seed.prop("value").await.expect("value").as_deref(), Some("1"));
    seed.clear().await.expect("clear");
    seed.send_keys(&format!("7{}", fantoccini::key::Key::Enter)).await.expect("type");
    // A new seed resets the run.
    wait_for_clock(c, 0.0).await;
    for _ in 0..15 {
        click_button(c, "Step one simulated second").await;
    }
    wait_for_clock(c, 15.0).await;
    let other = c.find(Locator::Css(".run-summary")).await.expect("summary").text().await.expect("text");
    assert_ne!(other, summaries[0], "seed 7 gives another run");
    screenshot(c, "playback-seed").await;
    b.client.clone().close().await.expect("close");
}

/// Shop → Orders (visibility 2 s, three receives) → Worker, with a dead-letter queue.
fn with_dead_letter_queue() -> Diagram {
    let mut d = queue_and_function();
    let orders = d.components().find(|c| c.name == "Orders").map(|c| c.id).expect("the queue");
    if let Some(Spec::Queue(q)) = d.component_mut(orders).map(|c| &mut c.spec) {
        q.visibility_timeout_s = 2;
        q.max_receive_count = 3;
    }
    // Lambda refuses a mapping whose queue hides messages for less than the function's
    // timeout: a 2 s visibility timeout needs a function that times out within it.
    let worker = d.components().find(|c| c.name == "Worker").map(|c| c.id).expect("the function");
    if let Some(Spec::Function(f)) = d.component_mut(worker).map(|c| &mut c.spec) {
        f.timeout_s = 1;
    }
    let dlq = d.add_component(ComponentKind::Queue, "Orders DLQ", Point { x: 280.0, y: 200.0 });
    d.connect(orders, dlq).expect("redrive");
    d
}

async fn open(c: &Client, base_url: &str, diagram: &Diagram) {
    c.goto(&decouple_lab::share::link_for(diagram, base_url).url).await.expect("open the diagram");
    wait_for_count(c, ".node", diagram.component_count()).await;
}

async fn choose_speed(c: &Client, speed: &str) {
    c.find(Locator::Css(&format!(".speed-select option[value='{speed}']"))).await.expect("a speed").click().await.expect("choose");
}

async fn select_node(c: &Client, name: &str) {
    // "Orders," and not "Orders DLQ,": the label is "kind name, service".
    c.find(Locator::Css(&format!(r#".node[aria-label^="{name},"]"#))).await.expect("the box").click().await.expect("select");
}

async fn count(c: &Client, selector: &str) -> usize {
    c.find_all(Locator::Css(selector)).await.map(|v| v.len()).unwrap_or(0)
}

async fn text_of(c: &Client, selector: &str) -> String {
    match c.find(Locator::Css(selector)).await {
        Ok(e) => e.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// Waits up to ten seconds for `check` to hold.
async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..200 {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{what}");
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn a_live_error_rate_shows_within_a_simulated_second() {
    let b = support::open_app().await;
    let c = &b.client;
    open(c, &b.base_url, &queue_and_function()).await;
    click_button(c, "Play").await;
    wait_until_clock(c, 3.0).await;
    select_node(c, "Worker").await;
    assert_eq!(badge_number(c, "function", "errors").await, 0, "no errors before");
    c.find(Locator::Css(r#".live-faults [data-error-rate="100"]"#)).await.expect("100%").click().await.expect("set 100%");
    let t = clock(c).await;
    // One simulated second later (at 1×), the badge counts the failures.
    eventually("the worker's errors in its badge", || async { badge_number(c, "function", "errors").await > 0 }).await;
    // At 1×, polling every 50 ms: seen as soon as the figures show it.
    let seen = clock(c).await;
    assert!(seen <= t + 1.5, "the worker fails within a simulated second: seen at {seen} s, set at {t} s");
    let status = text_of(c, ".live-fault-status").await;
    assert!(status.contains("100%"), "the inspector says what is live: {status:?}");
    assert_eq!(
        c.find(Locator::Css(r#".live-faults [data-error-rate="100"]"#)).await.expect("100%").attr("aria-pressed").await.expect("attr").as_deref(),
        Some("true")
    );
    // Slower too, then back to the diagram's settings.
    c.find(Locator::Css(r#".live-faults [data-latency="5"]"#)).await.expect("×5").click().await.expect("×5");
    assert!(text_of(c, ".live-fault-status").await.contains("×5"));
    screenshot(c, "live-faults").await;
    c.find(Locator::Css(".live-fault-status .text-button")).await.expect("restore").click().await.expect("restore");
    eventually("the diagram's settings are back", || async { !text_of(c, ".live-fault-status").await.contains("100%") }).await;
    // Failures already on their way may still land in the next instants: count from a
    // second later, then two more seconds.
    let t = clock(c).await;
    wait_until_clock(c, t + 1.0).await;
    let before = badge_number(c, "function", "errors").await;
    let t = clock(c).await;
    wait_until_clock(c, t + 2.0).await;
    assert_eq!(badge_number(c, "function", "errors").await, before, "no new errors once the rate is back to 0");
    b.client.clone().close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn the_chart_strip_charts_the_selected_components() {
    let b = support::open_app().await;
    let c = &b.client;
    open(c, &b.base_url, &with_dead_letter_queue()).await;
    assert!(text_of(c, ".run-dock").await.contains("Press play"), "an empty strip says what to do");
    choose_speed(c, "25").await;
    click_button(c, "Play").await;
    select_node(c, "Orders").await;
    shift_click(c, r#".node[aria-label^="Worker,"]"#).await;
    wait_until_clock(c, 40.0).await;
    // Take the worker down for a while, so the queue fills and its wait grows.
    select_node(c, "Worker").await;
    c.find(Locator::Css(r#".faults [data-outage="errors"] input"#)).await.expect("Errors").click().await.expect("down");
    select_node(c, "Orders").await;
    shift_click(c, r#".node[aria-label^="Worker,"]"#).await;
    let t = clock(c).await;
    wait_until_clock(c, t + 25.0).await;
    assert_eq!(count(c, ".strip-row").await, 2, "one row per selected component");
    let queue_row = r#".strip-row:first-child"#;
    // Waiting and in flight are the two lines of the queue's first chart.
    for metric in ["Depth", "Throughput", "Errors", "Latency", "OldestAge", "DeadLetterDepth"] {
        assert_eq!(count(c, &format!(r#"{queue_row} .chart[data-metric="{metric}"] canvas"#)).await, 1, "the queue's {metric} chart");
    }
    let latency = c.find(Locator::Css(&format!(r#"{queue_row} .chart[data-metric="Latency"] canvas"#))).await.expect("latency chart");
    let label = latency.attr("aria-label").await.expect("label").unwrap_or_default();
    // Each message's own hops (arriving, received) give the time it spent in the queue,
    // so the queue charts that by percentile rather than as the engine's mean wait.
    assert!(label.contains("Time here") && label.contains("p95"), "the queue's wait: {label}");
    assert_eq!(latency.attr("data-lines").await.expect("lines").as_deref(), Some("3"), "p50, p95 and p99");
    let ticks = c.execute("return [...document.querySelectorAll('.strip .chart-canvas')].reduce((n, c) => n + Number(c.dataset.yticks), 0)", vec![]).await.expect("ticks");
    assert!(ticks.as_u64().unwrap_or(0) > 10, "charts have value axes: {ticks}");
    // The canvas was drawn on: some of its pixels are not blank.
    let inked = c.execute(&format!(r#"const cv = document.querySelector('{queue_row} .chart[data-metric="Depth"] canvas');
        const d = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;"#), vec![]).await.expect("pixels");
    assert!(inked.as_u64().unwrap_or(0) > 500, "the depth chart is drawn: {inked} pixels");
    assert!(text_of(c, ".strip .chart-unit").await.contains("per second"), "and units");
    let depth = c.find(Locator::Css(&format!(r#"{queue_row} .chart[data-metric="Depth"] canvas"#))).await.expect("depth chart");
    let label = depth.attr("aria-label").await.expect("label").unwrap_or_default();
    assert!(label.contains("(messages)") && label.contains("Waiting") && label.contains("In flight"), "the queue's two lines: {label}");
    // What users saw beside what the queue held: the shop's response times by percentile.
    select_node(c, "Shop").await;
    shift_click(c, r#".node[aria-label^="Orders,"]"#).await;
    eventually("the shop's response times", || async {
        let label = c.execute(r#"return document.querySelector('.strip-row:first-child .chart[data-metric="Latency"] canvas').getAttribute('aria-label')"#, vec![]).await;
        label.ok().and_then(|l| l.as_str().map(|l| l.contains("Response time") && l.contains("p99"))).unwrap_or(false)
    })
    .await;
    let lines = c.find(Locator::Css(r#".strip-row:first-child .chart[data-metric="Latency"] canvas"#)).await.expect("latency chart");
    assert_eq!(lines.attr("data-lines").await.expect("lines").as_deref(), Some("3"), "p50, p95 and p99");
    screenshot(c, "playback-charts").await;
    b.client.clone().close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn the_event_log_lists_hops_filters_them_and_follows_a_message() {
    let b = support::open_app().await;
    let c = &b.client;
    open(c, &b.base_url, &with_dead_letter_queue()).await;
    choose_speed(c, "25").await;
    click_button(c, "Play").await;
    select_node(c, "Worker").await;
    c.find(Locator::Css(r#".live-faults [data-error-rate="100"]"#)).await.expect("100%").click().await.expect("set 100%");
    wait_until_clock(c, 30.0).await;
    c.find(Locator::Css(r#".dock-tab[data-tab="log"]"#)).await.expect("the log tab").click().await.expect("open the log");
    eventually("the log lists hops", || async { count(c, ".log-line").await > 10 }).await;
    let line = text_of(c, ".log-line").await;
    assert!(line.contains(" → ") && line.contains('#'), "time, message, from → to, outcome: {line}");

    // Filter by component: only hops from or to the DLQ.
    let dlq = c.find(Locator::XPath("//select[contains(@class,'log-component')]/option[normalize-space()='Orders DLQ']")).await.expect("option");
    dlq.click().await.expect("filter by the DLQ");
    eventually("only the DLQ's hops", || async {
        let all = c.execute("return [...document.querySelectorAll('.log-line .log-hop')].map(e => e.textContent)", vec![]).await.expect("rows");
        let rows: Vec<String> = serde_json::from_value(all).unwrap_or_default();
        !rows.is_empty() && rows.iter().all(|r| r.contains("Orders DLQ"))
    })
    .await;
    // Filter by outcome: without dead-lettered hops there is nothing left to show.
    c.find(Locator::Css(r#".chip[data-outcome="dead-lettered"]"#)).await.expect("chip").click().await.expect("toggle");
    eventually("no rows", || async { count(c, ".log-line").await == 0 }).await;
    assert!(text_of(c, ".log-scroll").await.contains("No hop matches"));
    c.find(Locator::Css(r#".chip[data-outcome="dead-lettered"]"#)).await.expect("chip").click().await.expect("toggle back");
    eventually("rows again", || async { count(c, ".log-line").await > 0 }).await;

    // A dead-lettered message: from the shop to the queue, then to the DLQ.
    c.find(Locator::Css(".log-line")).await.expect("a line").click().await.expect("follow it");
    eventually("the message inspector follows it", || async { count(c, ".message-hop").await >= 2 }).await;
    let ending = c.find(Locator::Css(".message-ending")).await.expect("ending");
    assert_eq!(ending.attr("data-ending").await.expect("attr").as_deref(), Some("dead-lettered"));
    assert!(ending.text().await.expect("text").contains("Orders DLQ"));
    let hops = text_of(c, ".message-hops").await;
    assert!(hops.contains("Shop → Orders") && hops.contains("Orders → Orders DLQ"), "{hops}");
    assert!(text_of(c, ".message-payload").await.contains("Payload"), "a message the engine still holds shows its payload");
    screenshot(c, "event-log").await;
    b.client.clone().close().await.expect("close");
}

/// Shop → Alerts (SNS) → Worker (Lambda) and → Audit (SQS).
fn topic_fan_out() -> Diagram {
    let mut d = Diagram::new();
    let shop = d.add_component(ComponentKind::Client, "Shop", Point { x: 0.0, y: 100.0 });
    let alerts = d.add_component(ComponentKind::Topic, "Alerts", Point { x: 300.0, y: 100.0 });
    let worker = d.add_component(ComponentKind::Function, "Worker", Point { x: 600.0, y: 0.0 });
    let audit = d.add_component(ComponentKind::Queue, "Audit", Point { x: 600.0, y: 200.0 });
    if let Some(Spec::Client(c)) = d.component_mut(shop).map(|c| &mut c.spec) {
        c.rate_per_s = 10.0;
    }
    d.connect(shop, alerts).expect("publish");
    d.connect(alerts, worker).expect("subscription");
    d.connect(alerts, audit).expect("subscription");
    d
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn the_message_inspector_shows_retries_and_a_dot_picks_a_message() {
    let b = support::open_app().await;
    let c = &b.client;
    open(c, &b.base_url, &topic_fan_out()).await;
    choose_speed(c, "5").await;
    click_button(c, "Play").await;
    select_node(c, "Worker").await;
    c.find(Locator::Css(r#".faults [data-outage="errors"] input"#)).await.expect("Errors").click().await.expect("down");
    wait_until_clock(c, 8.0).await;
    c.find(Locator::Css(r#".dock-tab[data-tab="log"]"#)).await.expect("the log tab").click().await.expect("open the log");
    // Failed deliveries to the worker only.
    for outcome in ["delivered", "throttled", "rejected", "dead-lettered"] {
        c.find(Locator::Css(&format!(r#".chip[data-outcome="{outcome}"]"#))).await.expect("chip").click().await.expect("toggle");
    }
    eventually("failed hops", || async { count(c, ".log-line").await > 3 }).await;
    assert!(text_of(c, ".log-line").await.contains("Alerts → Worker"));
    c.find_all(Locator::Css(".log-line")).await.expect("lines")[2].click().await.expect("follow it");
    eventually("its tries", || async { count(c, ".message-hop .retry-tag").await >= 1 }).await;
    let ending = c.find(Locator::Css(".message-ending")).await.expect("ending");
    assert_eq!(ending.attr("data-ending").await.expect("attr").as_deref(), Some("retry-pending"), "SNS keeps trying");
    assert!(ending.text().await.expect("text").contains("Worker"));
    let retries = text_of(c, ".message-retries").await;
    assert!(retries.contains("retr") && !retries.starts_with("No"), "{retries}");
    screenshot(c, "message-retries").await;

    // A dot on the canvas picks its message: press along the Shop → Alerts arrow.
    click_button(c, "Pause").await;
    c.find(Locator::Css(".message-panel .notice-close")).await.expect("stop following").click().await.expect("close");
    let picked = c
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               const a = document.querySelector('.node[aria-label^="Shop,"] .node-box').getBoundingClientRect();
               const b = document.querySelector('.node[aria-label^="Alerts,"] .node-box').getBoundingClientRect();
               const y = a.top + a.height / 2;
               (async () => {
                 for (let x = a.right + 2; x < b.left - 2; x += 3) {
                   const at = { bubbles: true, cancelable: true, clientX: x, clientY: y, button: 0, buttons: 1,
                                pointerId: 1, pointerType: 'mouse', isPrimary: true };
                   document.elementFromPoint(x, y).dispatchEvent(new PointerEvent('pointerdown', at));
                   document.getElementById('canvas-svg').dispatchEvent(new PointerEvent('pointerup', at));
                   // Yew renders after the event: look once it has.
                   await new Promise(r => setTimeout(r, 30));
                   if (document.querySelector('.message-panel').dataset.message) return true;
                 }
                 return false;
               })().then(done);"#,
            vec![],
        )
        .await
        .expect("press along the arrow");
    assert_eq!(picked, serde_json::Value::Bool(true), "a press on a dot follows its message");
    eventually("its hops show", || async { count(c, ".message-hop").await >= 1 }).await;
    b.client.clone().close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn a_pattern_steps_do_it_button_takes_the_processors_down() {
    let b = support::open_app().await;
    let c = &b.client;
    c.find(Locator::Css(r#"[data-action="patterns"]"#)).await.expect("Patterns").click().await.expect("open the menu");
    c.find(Locator::Css(r#".menu-item[data-pattern="tight-vs-loose"]"#)).await.expect("pattern 1").click().await.expect("open it");
    wait_for_count(c, ".node", 7).await;
    assert_eq!(count(c, ".pattern-step").await, 3);
    assert_eq!(count(c, ".pattern-step .do-it").await, 2, "the steps that do something have a button");
    choose_speed(c, "5").await;
    c.find(Locator::Css(".pattern-step .do-it")).await.expect("Do it").click().await.expect("do it");
    // The run starts by itself, with both processors down.
    let downs = wait_for_count(c, ".node.down", 2).await;
    for d in downs {
        assert!(d.attr("aria-label").await.expect("label").unwrap_or_default().contains("Order processor"));
    }
    assert!(clock(c).await < 5.0, "the step started the run");
    // Once more, from a run that went well for a while.
    c.find(Locator::Css(".pattern-step:nth-child(3) .do-it")).await.expect("the next step").click().await.expect("bring back");
    wait_for_count(c, ".node.down", 0).await;
    click_button(c, "Reset the run").await;
    click_button(c, "Play").await;
    wait_until_clock(c, 15.0).await;
    c.find(Locator::Css(".pattern-step .do-it")).await.expect("Do it").click().await.expect("do it");
    wait_for_count(c, ".node.down", 2).await;
    wait_until_clock(c, 30.0).await;
    let sync_failed = {
        // Its text content: the badge may be scrolled out of the canvas's view.
        let el = c.find(Locator::Css(r#".node[aria-label^="Shoppers (sync),"] .node-badge text"#)).await.expect("badge");
        el.prop("textContent").await.expect("text").unwrap_or_default()
    };
    let async_failed = {
        let el = c.find(Locator::Css(r#".node[aria-label^="Shoppers (async),"] .node-badge text"#)).await.expect("badge");
        el.prop("textContent").await.expect("text").unwrap_or_default()
    };
    assert!(!sync_failed.contains(" 0 failed"), "the tightly coupled shoppers see errors: {sync_failed}");
    assert!(async_failed.contains(" 0 failed"), "the loosely coupled ones do not: {async_failed}");
    screenshot(c, "pattern-do-it").await;
    // What the shoppers saw beside what the queue held.
    select_node(c, "Shoppers (sync)").await;
    shift_click(c, r#".node[aria-label^="Orders queue,"]"#).await;
    let t = clock(c).await;
    wait_until_clock(c, t + 15.0).await;
    assert_eq!(count(c, ".strip-row").await, 2);
    screenshot(c, "playback-pattern").await;
    c.execute("document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));", vec![]).await.expect("Escape");
    // The next step brings them back.
    c.find(Locator::Css(".pattern-step:nth-child(3) .do-it")).await.expect("the next step").click().await.expect("bring back");
    wait_for_count(c, ".node.down", 0).await;
    b.client.clone().close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn space_plays_and_pauses_in_either_language() {
    let b = support::open_app().await;
    let c = &b.client;
    open(c, &b.base_url, &queue_and_function()).await;
    let space = || async { c.execute("document.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }))", vec![]).await.expect("Space") };
    for lang in ["en", "vi"] {
        c.find(Locator::Css(&format!(r#".lang-button[lang="{lang}"]"#))).await.expect("the language switch").click().await.expect("switch");
        space().await;
        let from = clock(c).await;
        wait_until_clock(c, from + 1.0).await;
        space().await;
        // Paused: the clock holds still (playing at 1x, it moves within a snapshot).
        eventually("the run pauses", || async {
            let then = clock(c).await;
            tokio::time::sleep(Duration::from_millis(400)).await;
            clock(c).await == then
        })
        .await;
    }
    b.client.clone().close().await.expect("close");
}
