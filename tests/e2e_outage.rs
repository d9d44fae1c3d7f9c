//! An outage as the lesson tells it, in headless Chromium (issue 17, points 4 and 12):
//! the learner breaks the queue's function from the inspector's one Faults group and
//! reads the backlog off the queue's badge, tooltip and chart; "Errors" hides the
//! messages (in flight), "Stopped / throttled to 0" leaves them waiting; the same
//! controls set the diagram's faults before a run; the canvas legend names the dots
//! and figures; the toolbar's books and the badge do not share a word for two things.
//! With DLAB_SCREENSHOTS set, the outage is shot at 1440×900, 1280×720 and 1024×700.

mod support;

use fantoccini::{Client, Locator};
use std::time::Duration;
use support::{click_button, clock, js, open_link, queue_and_function, screenshot, text_of, wait_until_clock};

async fn select_node(c: &Client, name: &str) {
    c.find(Locator::Css(&format!(r#".node[aria-label^="{name},"]"#))).await.expect("the box").click().await.expect("select");
}

async fn choose_outage(c: &Client, key: &str) {
    c.find(Locator::Css(&format!(r#".faults [data-outage="{key}"] input"#))).await.unwrap_or_else(|_| panic!("the {key} outage")).click().await.expect("choose");
}

/// The queue's badge: its text (the figures) and its tooltip.
async fn queue_badge(c: &Client) -> (String, String) {
    let got = js(c, r#"const g = document.querySelector('.node[data-kind="queue"] .node-badge');
        return g ? [g.querySelector('text').textContent, (g.querySelector('title') || {}).textContent || ''] : ['', ''];"#).await;
    (got[0].as_str().unwrap_or_default().to_string(), got[1].as_str().unwrap_or_default().to_string())
}

/// The number before `word` in the queue's badge ("12 waiting").
fn figure(text: &str, word: &str) -> u64 {
    text.split(" · ")
        .find(|part| part.trim_end().ends_with(word))
        .and_then(|part| part.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| panic!("no {word:?} in the badge {text:?}"))
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn an_outage_reads_as_waiting_or_in_flight_and_says_why_nothing_drains_yet() {
    let b = support::open_app().await;
    let c = &b.client;
    support::page_size(c, 1440, 900).await;
    open_link(c, &queue_and_function(), &b.base_url).await;
    c.find(Locator::Css(".speed-select option[value='5']")).await.expect("5×").click().await.expect("choose 5×");
    click_button(c, "Play").await;
    wait_until_clock(c, 3.0).await;

    // Errors: the function is invoked and fails, the messages are received and hidden.
    select_node(c, "Worker").await;
    assert_eq!(js(c, "return document.querySelector('.faults').dataset.when").await, "live", "during a run the group acts live");
    assert!(text_of(c, ".faults").await.contains("messages come back after the visibility timeout"));
    choose_outage(c, "errors").await;
    let t = clock(c).await;
    wait_until_clock(c, t + 15.0).await;
    let (text, title) = queue_badge(c).await;
    assert!(figure(&text, "in flight") > 100, "the orders are received and hidden: {text}");
    assert!(figure(&text, "waiting") < 20, "and few wait visible: {text}");
    assert!(title.contains("In flight: received by a consumer and hidden for the visibility timeout (30 s)"), "{title}");
    // The queue's first chart: waiting and in flight, two named lines.
    select_node(c, "Orders").await;
    let chart = r#".strip-row:first-child .chart[data-metric="Depth"]"#;
    let heading = text_of(c, &format!("{chart} figcaption")).await;
    assert!(heading.contains("Waiting") && heading.contains("In flight"), "both lines are named: {heading}");
    let canvas = c.find(Locator::Css(&format!("{chart} canvas"))).await.expect("the chart");
    assert_eq!(canvas.attr("data-lines").await.expect("lines").as_deref(), Some("2"));
    screenshot(c, "outage-errors-1440x900").await;

    // Back: the hidden orders wait out their timeout, and the badge says so.
    select_node(c, "Worker").await;
    choose_outage(c, "running").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let (text, title) = queue_badge(c).await;
    assert!(text.contains("visible again in ≤"), "the badge says why nothing drains yet: {text}");
    assert!(title.contains("nothing drains until then"), "{title}");
    let t = clock(c).await;
    wait_until_clock(c, t + 35.0).await;
    let (text, _) = queue_badge(c).await;
    assert!(!text.contains("visible again") && figure(&text, "in flight") < 40, "drained: {text}");

    // Stopped (throttled to 0): never invoked, so the backlog waits visibly and the
    // Waiting line climbs.
    choose_outage(c, "stopped").await;
    let t = clock(c).await;
    wait_until_clock(c, t + 15.0).await;
    let (text, _) = queue_badge(c).await;
    assert!(figure(&text, "waiting") > 200, "the backlog waits: {text}");
    assert!(figure(&text, "in flight") < 10, "{text}");
    select_node(c, "Orders").await;
    let label = c.find(Locator::Css(&format!("{chart} canvas"))).await.expect("chart").attr("aria-label").await.expect("label").unwrap_or_default();
    let waiting: u64 = label.split("Waiting ").nth(1).and_then(|s| s.split(|ch: char| !ch.is_ascii_digit()).next()?.parse().ok()).unwrap_or(0);
    assert!(waiting > 200, "the Waiting line shows the backlog: {label}");
    // The toolbar's books do not call everything not finished "in flight".
    let summary = text_of(c, ".run-summary").await;
    assert!(summary.contains("under way") && !summary.contains("in flight"), "{summary}");

    // The same outage at three window sizes, paused so the pictures hold still.
    click_button(c, "Pause").await;
    for (w, h) in [(1440, 900), (1280, 720), (1024, 700)] {
        support::page_size(c, w, h).await;
        // After a resize the learner fits the diagram to the view (a resize keeps the pan).
        click_button(c, "Fit the diagram to the view").await;
        tokio::time::sleep(Duration::from_millis(400)).await;
        let visible = js(c, r#"const r = document.querySelector('.node[data-kind="queue"] .node-badge').getBoundingClientRect();
            const cv = document.querySelector('.canvas').getBoundingClientRect();
            return r.width > 0 && r.left >= cv.left && r.right <= cv.right && r.bottom <= cv.bottom;"#).await;
        screenshot(c, &format!("outage-stopped-{w}x{h}")).await;
        assert_eq!(visible, true, "the queue's badge is on the canvas at {w}×{h}");
    }
    b.client.clone().close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn the_faults_group_sets_the_diagram_before_a_run_and_has_one_error_rate() {
    let b = support::open_app().await;
    let c = &b.client;
    open_link(c, &queue_and_function(), &b.base_url).await;
    select_node(c, "Worker").await;
    // One error rate: the Settings no longer list their own.
    assert_eq!(c.find_all(Locator::Css(r#".faults [data-error-rate="25"]"#)).await.expect("find").len(), 1);
    assert!(c.find_all(Locator::Css(r#"[name="error_rate"], [name="fault-error_rate"], [name="fault-down"]"#)).await.expect("find").is_empty());
    assert!(!text_of(c, ".inspector").await.contains("Take down now"));
    assert_eq!(js(c, "return document.querySelector('.faults').dataset.when").await, "diagram");
    // Before the run: stopped for the whole run, saved with the diagram, shown on the box.
    choose_outage(c, "stopped").await;
    c.find(Locator::Css(r#".faults [data-error-rate="25"]"#)).await.expect("25%").click().await.expect("25%");
    let saved = support::autosaved(c).await;
    let worker = saved["components"].as_array().expect("components").iter().find(|x| x["name"] == "Worker").cloned().expect("worker");
    assert_eq!((worker["faults"]["stopped"].clone(), worker["faults"]["error_rate"].clone()), (serde_json::json!(true), serde_json::json!(0.25)), "{worker}");
    assert_eq!(c.find_all(Locator::Css(r#".node.down[aria-label^="Worker,"]"#)).await.expect("find").len(), 1, "the box shows it is out");
    assert!(text_of(c, r#".node[aria-label^="Worker,"] .node-down"#).await.contains("STOPPED"), "and how");
    support::page_size(c, 1440, 900).await;
    screenshot(c, "faults-group-before-the-run").await;
    // From t = 0: the orders wait from the start.
    c.find(Locator::Css(".speed-select option[value='25']")).await.expect("25×").click().await.expect("choose 25×");
    click_button(c, "Play").await;
    wait_until_clock(c, 10.0).await;
    let (text, _) = queue_badge(c).await;
    assert!(figure(&text, "waiting") > 100 && figure(&text, "in flight") == 0, "{text}");
    assert_eq!(
        c.find(Locator::Css(r#".faults [data-outage="stopped"] input"#)).await.expect("stopped").prop("checked").await.expect("checked").as_deref(),
        Some("true"),
        "the run shows the diagram's outage"
    );
    b.client.clone().close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn the_canvas_legend_names_the_dots_and_the_badge_figures() {
    let b = support::open_app().await;
    let c = &b.client;
    open_link(c, &queue_and_function(), &b.base_url).await;
    let toggle = c.find(Locator::Css(".legend-toggle")).await.expect("the Legend button");
    assert_eq!(toggle.text().await.expect("text"), "Legend");
    assert_eq!(toggle.attr("aria-expanded").await.expect("attr").as_deref(), Some("false"));
    toggle.click().await.expect("open");
    let body = text_of(c, ".legend-body").await;
    for word in ["Delivered", "Throttled", "Failed", "Rejected", "Dead-lettered", "waiting", "in flight", "visibility timeout", "in DLQ"] {
        assert!(body.contains(word), "the legend names {word:?}: {body}");
    }
    assert_eq!(c.find_all(Locator::Css(".legend-dots .dot")).await.expect("dots").len(), 5, "one swatch per dot colour");
    screenshot(c, "legend-open").await;
    // Escape closes it from the keyboard.
    c.find(Locator::Css(".legend-toggle")).await.expect("toggle").send_keys("\u{e00c}").await.expect("Escape");
    assert!(c.find_all(Locator::Css(".legend-body")).await.expect("find").is_empty());
    // In Vietnamese, the AWS terms stay as the lesson writes them.
    c.find(Locator::Css(r#".lang-button[lang="vi"]"#)).await.expect("VI").click().await.expect("switch");
    c.find(Locator::Css(".legend-toggle")).await.expect("toggle").click().await.expect("open");
    let body = text_of(c, ".legend-body").await;
    assert!(body.contains("Chú thích") || text_of(c, ".legend-toggle").await.contains("Chú thích"));
    assert!(body.contains("in flight") && body.contains("visibility timeout"), "{body}");
    b.client.clone().close().await.expect("close");
}
