//! The learner's loop in headless Chromium (issue 17): each test does what a first-time
//! learner does and looks at what the page shows them. A silent diagram says so and gets
//! a client; the empty canvas starts from the lesson; Ctrl+A selects boxes, not text;
//! verdicts go out of date with an edit and passed exercises stay marked; the chart strip
//! is as tall as it needs and remembers how it was left.

mod support;

use decouple_lab::lessons::{exercise, exercises, patterns};
use decouple_lab::model::{ComponentKind, Diagram, Point};
use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::{Client, Locator};
use std::time::{Duration, Instant};
use support::{autosaved, ctrl_key, drag, js, open_link, page_1440x900, screenshot, text_of, wait_for_count};

async fn wait_canvas(c: &Client) {
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas");
}

/// The lesson's exercise 1 as its words put it: API Gateway → SQS → Lambda → DynamoDB,
/// and nothing that sends requests.
fn pipeline_as_worded() -> Diagram {
    let mut d = Diagram::new();
    let at = |x: f64| Point { x, y: 200.0 };
    let api = d.add_component(ComponentKind::ApiGateway, "Orders API", at(100.0));
    let queue = d.add_component(ComponentKind::Queue, "Orders", at(360.0));
    let function = d.add_component(ComponentKind::Function, "Worker", at(620.0));
    let table = d.add_component(ComponentKind::Database, "Orders table", at(880.0));
    d.connect(api, queue).expect("api to queue");
    d.connect(queue, function).expect("queue to function");
    d.connect(function, table).expect("function to table");
    d
}

/// The first number in the toolbar's run summary ("N created · ...").
async fn created(c: &Client) -> Option<u64> {
    let summary = c.find(Locator::Css(".run-summary")).await.ok()?.text().await.ok()?;
    summary.split_whitespace().next()?.parse().ok()
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn a_diagram_with_nothing_sending_says_so_beside_play_and_gets_a_client() {
    let b = support::open_app().await;
    let c = &b.client;
    wait_canvas(c).await;
    page_1440x900(c).await;
    let diagram = pipeline_as_worded();
    open_link(c, &diagram, &b.base_url).await;

    let hint = text_of(c, ".traffic-hint").await;
    assert!(hint.contains("Nothing sends messages yet"), "{hint}");
    screenshot(c, "traffic-hint").await;

    // Play anyway: the page says why nothing moves instead of a silent "0 created".
    c.find(Locator::Css(r#".tool-button[aria-label="Play (Space)"]"#)).await.expect("Play").click().await.expect("play");
    let notice = text_of(c, ".notice.warning").await;
    assert!(notice.contains("sends messages") && notice.contains("Client"), "{notice}");
    c.find(Locator::Css(r#".tool-button[aria-label="Pause (Space)"]"#)).await.expect("Pause").click().await.expect("pause");

    // The hint's button adds a client connected to the gateway, and the run then moves.
    c.find(Locator::Css(".traffic-hint .add-client")).await.expect("Add a Client").click().await.expect("add");
    wait_for_count(c, ".node", diagram.component_count() + 1).await;
    wait_for_count(c, ".traffic-hint", 0).await;
    let saved = autosaved(c).await;
    let components = saved["components"].as_array().expect("components");
    let id_of = |kind: &str| components.iter().find(|x| x["kind"] == kind).map(|x| x["id"].clone()).unwrap_or_else(|| panic!("a {kind}"));
    let (client, api) = (id_of("client"), id_of("api_gateway"));
    let connections = saved["connections"].as_array().expect("connections");
    assert!(connections.iter().any(|x| x["from"] == client && x["to"] == api), "the client sends to the gateway: {connections:?}");

    c.find(Locator::Css(r#".tool-button[aria-label="Play (Space)"]"#)).await.expect("Play").click().await.expect("play");
    let deadline = Instant::now() + Duration::from_secs(15);
    while created(c).await.unwrap_or(0) == 0 {
        assert!(Instant::now() < deadline, "messages are created once a client sends");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    b.client.clone().close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn the_empty_canvas_offers_the_lessons_exercises_and_patterns_first() {
    let b = support::open_app().await;
    let c = &b.client;
    wait_canvas(c).await;
    page_1440x900(c).await;
    let offered = wait_for_count(c, ".canvas-empty .empty-choice[data-start-exercise]", exercises().len()).await;
    let mut ids = Vec::new();
    for button in &offered {
        ids.push(button.attr("data-start-exercise").await.expect("id").unwrap_or_default());
    }
    assert_eq!(ids, exercises().iter().map(|e| e.id.to_string()).collect::<Vec<_>>(), "every exercise, in the lesson's order");
    let pattern_buttons = c.find_all(Locator::Css(".canvas-empty .empty-choice[data-start-pattern]")).await.expect("patterns");
    assert!((2..=6).contains(&pattern_buttons.len()), "a few patterns: {}", pattern_buttons.len());
    screenshot(c, "empty-page").await;

    // The choices follow the language switch, and come back.
    let title = |lang: &str| {
        let t = decouple_lab::lessons::ui_strings::canvas::START_FROM_THE_LESSON;
        if lang == "vi" { t.vi } else { t.en }.to_string()
    };
    for lang in ["vi", "en"] {
        c.find(Locator::Css(&format!(r#".lang-button[lang="{lang}"]"#))).await.expect("the switch").click().await.expect("switch");
        let deadline = Instant::now() + Duration::from_secs(5);
        while text_of(c, ".empty-choices-title").await != title(lang) {
            assert!(Instant::now() < deadline, "the empty state in {lang}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let first = text_of(c, ".empty-choice[data-start-exercise]").await;
        let ex = exercises()[0].title;
        assert_eq!(first, format!("1. {}", if lang == "vi" { ex.vi } else { ex.en }));
    }

    // An exercise chosen there opens the Exercises panel on it.
    let second = exercises()[1];
    offered[1].click().await.expect("choose exercise 2");
    let goal = text_of(c, &format!(r#".exercises [data-exercise="{}"] .exercise-goal"#, second.id)).await;
    assert_eq!(goal, second.goal.en, "exercise 2 is the one open");
    c.find(Locator::Css(r#".exercises .notice-close"#)).await.expect("close").click().await.expect("close the panel");

    // A pattern chosen there opens on the canvas.
    let first = patterns().first().expect("a pattern");
    c.find(Locator::Css(&format!(r#".canvas-empty .empty-choice[data-start-pattern="{}"]"#, first.id))).await.expect("the first pattern").click().await.expect("open it");
    wait_for_count(c, ".node", first.diagram().component_count()).await;
    wait_for_count(c, ".canvas-empty", 0).await;
    b.client.clone().close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn ctrl_a_selects_the_boxes_not_the_text_and_a_drag_after_it_still_connects() {
    let b = support::open_app().await;
    let c = &b.client;
    wait_canvas(c).await;
    let mut d = Diagram::new();
    d.add_component(ComponentKind::Queue, "Orders", Point { x: 200.0, y: 200.0 });
    d.add_component(ComponentKind::Function, "Worker", Point { x: 560.0, y: 200.0 });
    open_link(c, &d, &b.base_url).await;

    js(c, "document.activeElement && document.activeElement.blur(); window.getSelection().removeAllRanges();").await;
    ctrl_key(c, 'a', false).await;
    wait_for_count(c, r#".node[aria-pressed="true"]"#, 2).await;
    let selected_text = js(c, "return window.getSelection().toString();").await;
    assert_eq!(selected_text.as_str(), Some(""), "no page text is selected");

    // Text selected some other way (a triple click in a panel) must not break a drag.
    js(c, "window.getSelection().selectAllChildren(document.body);").await;
    let queue = c.find(Locator::Css(r#".node[data-kind="queue"]"#)).await.expect("the queue");
    let function = c.find(Locator::Css(r#".node[data-kind="function"]"#)).await.expect("the function");
    let port = queue.find(Locator::Css(".node-port")).await.expect("the queue's port");
    drag(c, &port, &function, 0.0, 0.0).await;
    wait_for_count(c, ".edge", 1).await;
    wait_for_count(c, ".rubber-band", 0).await;
    let saved = autosaved(c).await;
    assert_eq!(saved["connections"].as_array().map(Vec::len), Some(1), "the connection is saved");

    // The browser taking the pointer mid-drag (what a native text drag does) ends the
    // gesture: no rubber band is left stuck to the pointer.
    let port = c.find(Locator::Css(r#".node[data-kind="function"] .node-port"#)).await.expect("the function's port");
    let press = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element: port, duration: None, x: 0.0, y: 0.0 })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::MoveBy { duration: Some(Duration::from_millis(60)), x: 60.0, y: 40.0 });
    c.perform_actions(press).await.expect("press on the port and move");
    wait_for_count(c, ".rubber-band", 1).await;
    js(c, "document.getElementById('canvas-svg').dispatchEvent(new PointerEvent('pointercancel', { bubbles: true, pointerId: 1, pointerType: 'mouse', isPrimary: true }));").await;
    wait_for_count(c, ".rubber-band", 0).await;
    c.release_actions().await.expect("release the pointer");
    assert_eq!(autosaved(c).await["connections"].as_array().map(Vec::len), Some(1), "nothing was connected by it");
    b.client.clone().close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn a_verdict_goes_out_of_date_with_an_edit_and_a_pass_stays_marked() {
    let b = support::open_app().await;
    let c = &b.client;
    wait_canvas(c).await;
    let ex = exercise("pipeline").expect("the pipeline exercise");
    open_link(c, &ex.solution(), &b.base_url).await;
    c.find(Locator::Css(r#"[data-action="exercises"]"#)).await.expect("Exercises").click().await.expect("open the panel");
    let section = format!(r#".exercises [data-exercise="{}"]"#, ex.id);
    c.wait().for_element(Locator::Css(&format!("{section} .check-button"))).await.expect("Check").click().await.expect("check");
    c.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css(&format!("{section} .verdict.passed"))).await.expect("passed");
    wait_for_count(c, &format!("{section} .exercise-title.done .done-mark"), 1).await;
    wait_for_count(c, &format!("{section} .verdict.stale"), 0).await;

    // A box selected with the exercises open shows its settings; the Exercises tab
    // brings the exercise back with its verdict, and so does closing and reopening.
    c.find(Locator::Css(r#".node[data-kind="queue"]"#)).await.expect("the queue").click().await.expect("select it");
    let kind = text_of(c, ".side .inspector .inspector-kind").await;
    assert!(kind.contains("Queue"), "the queue's settings: {kind}");
    assert_eq!(js(c, "return document.querySelector('.exercises').hidden;").await, serde_json::json!(true));
    screenshot(c, "exercises-and-inspector").await;
    // The header's Exercises button brings them to the front (it does not close them)...
    c.find(Locator::Css(r#"[data-action="exercises"]"#)).await.expect("Exercises").click().await.expect("to the front");
    c.wait().for_element(Locator::Css(&format!(r#".exercises:not([hidden]) [data-exercise="{}"] .verdict.passed"#, ex.id))).await.expect("the verdict kept");
    // ...and so does the column's own tab.
    c.find(Locator::Css(r#".node[data-kind="queue"]"#)).await.expect("the queue").click().await.expect("select it again");
    wait_for_count(c, ".exercises[hidden]", 1).await;
    c.find(Locator::Css(r#"[data-side-tab="exercises"]"#)).await.expect("the Exercises tab").click().await.expect("back");
    c.wait().for_element(Locator::Css(&format!(r#".exercises:not([hidden]) [data-exercise="{}"] .verdict.passed"#, ex.id))).await.expect("the verdict kept");
    c.find(Locator::Css(".exercises .notice-close")).await.expect("close").click().await.expect("close the panel");
    wait_for_count(c, ".side-tabs", 0).await;
    c.find(Locator::Css(r#"[data-action="exercises"]"#)).await.expect("Exercises").click().await.expect("open again");
    c.wait().for_element(Locator::Css(&format!(r#".exercises:not([hidden]) [data-exercise="{}"] .verdict.passed"#, ex.id))).await.expect("still kept");

    // Delete a box: the green verdict no longer stands for this diagram. (Fit first: the
    // panel took part of the canvas's width.)
    c.find(Locator::Css(r#".tool-button[aria-label="Fit the diagram to the view (F)"]"#)).await.expect("Fit").click().await.expect("fit");
    let box_ = c.find(Locator::Css(r#".node[data-kind="database"]"#)).await.expect("the table");
    box_.click().await.expect("select it");
    c.find(Locator::Css(r#".tool-button[aria-label="Delete the selection (Delete)"]"#)).await.expect("Delete").click().await.expect("delete");
    wait_for_count(c, &format!("{section} .verdict.stale"), 1).await;
    let note = text_of(c, &format!("{section} .verdict-stale")).await;
    assert!(note.starts_with("Out of date"), "{note}");
    assert_eq!(text_of(c, &format!("{section} .check-button")).await, "Check again");
    screenshot(c, "verdict-stale").await;

    // Checking again judges the diagram as it is now.
    c.find(Locator::Css(&format!("{section} .check-button"))).await.expect("Check again").click().await.expect("check");
    c.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css(&format!("{section} .verdict.failed"))).await.expect("failed now");
    wait_for_count(c, &format!("{section} .verdict.stale"), 0).await;

    // The done mark is remembered by the browser.
    c.goto(&b.base_url).await.expect("reload");
    wait_canvas(c).await;
    c.find(Locator::Css(r#"[data-action="exercises"]"#)).await.expect("Exercises").click().await.expect("open the panel");
    wait_for_count(c, &format!("{section} .exercise-title.done"), 1).await;
    wait_for_count(c, ".exercises .exercise-title.done", 1).await;
    b.client.clone().close().await.expect("close");
}

/// The chart strip's height on screen, in CSS pixels.
async fn dock_height(c: &Client) -> f64 {
    js(c, "return document.querySelector('.run-dock').getBoundingClientRect().height;").await.as_f64().expect("a height")
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn the_chart_strip_fits_its_sentence_and_remembers_how_it_was_left() {
    let b = support::open_app().await;
    let c = &b.client;
    wait_canvas(c).await;
    let empty = dock_height(c).await;
    assert!(empty < 110.0, "before a run the strip holds one sentence: {empty} px");

    let mut d = pipeline_as_worded();
    let api = d.components().find(|x| x.kind() == ComponentKind::ApiGateway).map(|x| x.id).expect("the gateway");
    let client = d.add_component(ComponentKind::Client, "Shoppers", Point { x: -160.0, y: 200.0 });
    d.connect(client, api).expect("client to gateway");
    open_link(c, &d, &b.base_url).await;
    c.find(Locator::Css(r#".tool-button[aria-label="Play (Space)"]"#)).await.expect("Play").click().await.expect("play");
    c.wait().for_element(Locator::Css(".run-dock:not(.fitted)")).await.expect("a run");
    let running = dock_height(c).await;
    assert!(running > 200.0, "a run gets the room its charts need: {running} px");

    // Taller by its top edge, then reload: the height is kept.
    let grip = c.find(Locator::Css(".dock-grip")).await.expect("the grip");
    let actions = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element: grip, duration: None, x: 0.0, y: 0.0 })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::MoveBy { duration: Some(Duration::from_millis(100)), x: 0.0, y: -40.0 })
        .then(PointerAction::MoveBy { duration: Some(Duration::from_millis(100)), x: 0.0, y: -40.0 })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    c.perform_actions(actions).await.expect("resize");
    c.release_actions().await.expect("release");
    let taller = dock_height(c).await;
    assert!((taller - running - 80.0).abs() < 6.0, "{running} → {taller}");
    c.goto(&b.base_url).await.expect("reload");
    wait_canvas(c).await;
    wait_for_count(c, ".node", d.component_count()).await;
    c.find(Locator::Css(r#".tool-button[aria-label="Play (Space)"]"#)).await.expect("Play").click().await.expect("play");
    c.wait().for_element(Locator::Css(".run-dock:not(.fitted)")).await.expect("a run");
    let kept = dock_height(c).await;
    assert!((kept - taller).abs() < 2.0, "the height is remembered: {taller} then {kept}");

    // Closed, then reload: it stays closed.
    c.find(Locator::Css(".dock-toggle")).await.expect("the toggle").click().await.expect("close");
    wait_for_count(c, ".run-dock.closed", 1).await;
    c.goto(&b.base_url).await.expect("reload");
    wait_canvas(c).await;
    wait_for_count(c, ".run-dock.closed", 1).await;
    b.client.clone().close().await.expect("close");
}
