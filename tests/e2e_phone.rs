//! The page on a phone (Chromium's mobile emulation: 390 × 844, touch events): a shared
//! link opens readable with the canvas first, components are added from the palette
//! sheet and connected with a finger, two fingers pan and zoom, and a pattern plays.

mod support;

use fantoccini::actions::{InputSource, PointerAction, TouchActions};
use fantoccini::{Client, Locator};
use std::time::{Duration, Instant};
use support::{screenshot, wait_for_count};

/// A number the page computes, by script.
async fn number(c: &Client, script: &str) -> f64 {
    let value = c.execute(script, vec![]).await.unwrap_or_else(|e| panic!("{script}: {e}"));
    value.as_f64().unwrap_or_else(|| panic!("{script} gave {value}, not a number"))
}

async fn displayed(c: &Client, selector: &str) -> bool {
    let script = format!("const el = document.querySelector({selector:?}); return !!el && el.getClientRects().length > 0;");
    c.execute(&script, vec![]).await.ok().and_then(|v| v.as_bool()) == Some(true)
}

async fn tap(c: &Client, selector: &str) {
    let el = c.wait().for_element(Locator::Css(selector)).await.unwrap_or_else(|_| panic!("{selector} on the page"));
    let finger = TouchActions::new("finger".into())
        .then(PointerAction::MoveToElement { element: el, duration: None, x: 0.0, y: 0.0 })
        .then(PointerAction::Down { button: 0 })
        .then(PointerAction::Up { button: 0 });
    c.perform_actions(finger).await.unwrap_or_else(|e| panic!("tap {selector}: {e}"));
    c.release_actions().await.expect("lift the finger");
}

async fn zoom_percent(c: &Client) -> f64 {
    number(c, "return parseFloat(document.querySelector('.zoom-value').textContent);").await
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn a_link_opens_readable_and_plays_on_a_phone() {
    let base = support::serve_dist().await;
    let link = decouple_lab::share::link_for(&decouple_lab::lessons::pattern("ecommerce-pipeline").expect("the pattern").diagram(), &base).url;
    let b = support::open_phone(link).await;
    let c = &b.client;
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(".node")).await.expect("the diagram");
    assert_eq!(number(c, "return window.innerWidth;").await, 390.0, "a phone-sized window");

    // The canvas first: most of the height, the palette and inspector hidden.
    let canvas_height = number(c, "return document.getElementById('canvas-svg').getBoundingClientRect().height;").await;
    assert!(canvas_height > 844.0 * 0.6, "the canvas takes most of the phone's height: {canvas_height}");
    assert!(!displayed(c, ".palette").await && !displayed(c, ".inspector").await, "palette and inspector wait in their sheets");
    // Names readable (at least 11 px on screen) and the flow's first box on screen.
    let name_px = number(c, "return document.querySelector('.node-name').getBoundingClientRect().height;").await;
    assert!(name_px >= 11.0, "a box's name is {name_px} px high on screen");
    let first_left = number(c, "return document.querySelector('.node').getBoundingClientRect().left;").await;
    assert!((0.0..390.0).contains(&first_left), "the first box is on screen: {first_left}");
    // Share, the header's last button, is in sight and takes a tap (the other buttons
    // scroll sideways under it).
    let share = "const r = document.querySelector('[data-action=\"share\"]').getBoundingClientRect(); \
                 const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); \
                 return r.left >= 0 && r.right <= window.innerWidth && !!top && !!top.closest('[data-action=\"share\"]');";
    assert_eq!(c.execute(share, vec![]).await.expect("where Share is"), serde_json::json!(true), "Share is in sight on a phone");
    // "Opened the diagram from the link." reads on one line, not in a column half the
    // phone wide (a fixed box at left: 50% may only grow to half the window).
    let notice = number(c, "return document.querySelector('.notice').getBoundingClientRect().width;").await;
    assert!(notice > 390.0 / 2.0, "the notice is {notice} px wide on a 390 px phone");
    screenshot(c, "phone-pattern").await;

    // Play from the toolbar: messages flow.
    tap(c, r#"button[aria-label^="Play"]"#).await;
    let deadline = Instant::now() + Duration::from_secs(20);
    while number(c, "return parseInt(document.querySelector('.run-summary').textContent, 10) || 0;").await < 1.0 {
        assert!(Instant::now() < deadline, "no message was created after Play on the phone");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    screenshot(c, "phone-playing").await;
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn a_finger_adds_connects_pans_and_zooms() {
    let base = support::serve_dist().await;
    let b = support::open_phone(base).await;
    let c = &b.client;
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas");

    // Components → the palette sheet; a tap adds the box and shows the canvas again.
    for (kind, count) in [("queue", 1), ("function", 2)] {
        tap(c, r#".phone-tab[data-sheet="palette"]"#).await;
        assert!(displayed(c, ".palette").await, "the Components tab opens the palette");
        tap(c, &format!(r#".palette-item[data-kind="{kind}"]"#)).await;
        wait_for_count(c, ".node", count).await;
        assert!(!displayed(c, ".palette").await, "the palette closes after adding a {kind}");
    }
    // The function went beside the queue (free space next to the selection): connect them.
    let queue = c.find(Locator::Css(r#".node[data-kind="queue"] .node-port"#)).await.expect("the queue's port");
    let function = c.find(Locator::Css(r#".node[data-kind="function"] .node-box"#)).await.expect("the function's box");
    let finger = TouchActions::new("finger".into())
        .then(PointerAction::MoveToElement { element: queue, duration: None, x: 0.0, y: 0.0 })
        .then(PointerAction::Down { button: 0 })
        .then(PointerAction::MoveToElement { element: function, duration: Some(Duration::from_millis(300)), x: 0.0, y: 0.0 })
        .then(PointerAction::Up { button: 0 });
    c.perform_actions(finger).await.expect("drag a finger from the port to the box");
    c.release_actions().await.expect("lift");
    wait_for_count(c, ".edge", 1).await;

    // The inspector sheet shows the selected connection's settings.
    tap(c, r#".phone-tab[data-sheet="inspector"]"#).await;
    assert!(displayed(c, ".inspector").await, "the Inspector tab opens the inspector");
    tap(c, r#".phone-tab[data-sheet="inspector"]"#).await;
    assert!(!displayed(c, ".inspector").await, "a second tap closes it");

    // One finger on the empty canvas pans; two fingers spreading zoom in.
    let before_zoom = zoom_percent(c).await;
    let left_before = number(c, "return document.querySelector('.node').getBoundingClientRect().left;").await;
    let one = TouchActions::new("finger".into())
        .then(PointerAction::MoveTo { duration: None, x: 200.0, y: 650.0 })
        .then(PointerAction::Down { button: 0 })
        .then(PointerAction::MoveTo { duration: Some(Duration::from_millis(300)), x: 260.0, y: 650.0 })
        .then(PointerAction::Up { button: 0 });
    c.perform_actions(one).await.expect("a one-finger drag");
    c.release_actions().await.expect("lift");
    let left_after = number(c, "return document.querySelector('.node').getBoundingClientRect().left;").await;
    assert!((left_after - left_before - 60.0).abs() < 2.0, "one finger pans by its move: {left_before} → {left_after}");
    assert_eq!(zoom_percent(c).await, before_zoom, "panning keeps the zoom");

    let spread = |id: &str, from: f64, to: f64| {
        TouchActions::new(id.into())
            .then(PointerAction::MoveTo { duration: None, x: from, y: 600.0 })
            .then(PointerAction::Down { button: 0 })
            .then(PointerAction::MoveTo { duration: Some(Duration::from_millis(400)), x: to, y: 600.0 })
            .then(PointerAction::Up { button: 0 })
    };
    let pinch = fantoccini::actions::Actions::from(spread("thumb", 170.0, 120.0)).and(spread("index", 220.0, 270.0));
    c.perform_actions(pinch).await.expect("a two-finger spread");
    c.release_actions().await.expect("lift");
    let after_zoom = zoom_percent(c).await;
    assert!(after_zoom > before_zoom * 2.0, "spreading two fingers from 50 to 150 px apart zooms in: {before_zoom}% → {after_zoom}%");
    assert_eq!(c.find_all(Locator::Css(".edge")).await.expect("edges").len(), 1, "the pinch connected or moved nothing");
    screenshot(c, "phone-edited").await;
}

/// A phone held sideways (844 × 390): the empty canvas's first choices start inside the
/// canvas, not cut off above it, and the last one can be scrolled to.
#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn a_phone_held_sideways_shows_the_lessons_choices_from_the_first() {
    let b = support::open_app().await;
    let c = &b.client;
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(".canvas-empty")).await.expect("the empty canvas");
    support::page_size(c, 844, 390).await;
    let canvas_top = number(c, "return document.querySelector('.canvas').getBoundingClientRect().top;").await;
    let title_top = number(c, "return document.querySelector('.canvas-empty-title').getBoundingClientRect().top;").await;
    assert!(title_top >= canvas_top, "the empty state starts inside the canvas: {title_top} < {canvas_top}");
    let last = ".canvas-empty .empty-choice:last-of-type";
    c.execute(&format!("document.querySelector('{last}').scrollIntoView({{block: 'nearest'}});"), vec![]).await.expect("scroll");
    let (bottom, canvas_bottom) = (
        number(c, &format!("return document.querySelector('{last}').getBoundingClientRect().bottom;")).await,
        number(c, "return document.querySelector('.canvas').getBoundingClientRect().bottom;").await,
    );
    assert!(bottom <= canvas_bottom + 0.5, "the last choice can be reached: {bottom} > {canvas_bottom}");
    screenshot(c, "phone-sideways-empty").await;
    b.client.clone().close().await.expect("close");
}
