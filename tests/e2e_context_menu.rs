//! The canvas's context menu: a right click on a box offers its actions (rename,
//! connect, duplicate, delete) as a keyboard-usable menu; a right click on the empty
//! canvas offers the canvas's (paste, select all, fit); on a phone a long press on a box
//! opens the same menu.

mod support;

use fantoccini::actions::{InputSource, MouseActions, PointerAction, TouchActions, MOUSE_BUTTON_RIGHT};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use std::time::Duration;
use support::{js, open_link, page_1440x900, queue_and_function, screenshot, wait_for_count};

/// A right click at `(x, y)` from the element's centre.
async fn right_click(c: &Client, selector: &str, x: f64, y: f64) {
    let el = c.find(Locator::Css(selector)).await.unwrap_or_else(|_| panic!("{selector}"));
    let mouse = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element: el, duration: None, x, y })
        .then(PointerAction::Down { button: MOUSE_BUTTON_RIGHT })
        .then(PointerAction::Up { button: MOUSE_BUTTON_RIGHT });
    c.perform_actions(mouse).await.expect("right click");
    c.release_actions().await.expect("release");
}

/// The open menu's item keys, in order.
async fn items(c: &Client) -> Vec<String> {
    let menu = c.wait().for_element(Locator::Css(".context-menu")).await.expect("the context menu");
    let mut keys = Vec::new();
    for item in menu.find_all(Locator::Css("[role=menuitem]")).await.expect("items") {
        keys.push(item.attr("data-menu").await.expect("attr").unwrap_or_default());
    }
    keys
}

async fn focused_menu_item(c: &Client) -> String {
    js(c, "return document.activeElement && document.activeElement.getAttribute('data-menu');").await.as_str().unwrap_or("none").to_string()
}

/// Chooses a menu item after the menu has settled (a click at once is taken for the
/// finger or button that opened it).
async fn choose(c: &Client, key: &str) {
    tokio::time::sleep(Duration::from_millis(450)).await;
    c.find(Locator::Css(&format!(r#".context-menu [data-menu="{key}"]"#))).await.expect("the item").click().await.expect("choose it");
    wait_for_count(c, ".context-menu", 0).await;
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn a_right_click_offers_a_boxs_actions_and_the_canvass() {
    let b = support::open_app().await;
    let c = &b.client;
    page_1440x900(c).await;
    open_link(c, &queue_and_function(), &b.base_url).await;

    // On a box: its actions, the box selected, focus on the first item; arrows move.
    right_click(c, r#".node[data-kind="queue"]"#, 0.0, 0.0).await;
    assert_eq!(items(c).await, ["rename", "connect", "duplicate", "delete"]);
    wait_for_count(c, r#".node.selected[data-kind="queue"]"#, 1).await;
    assert_eq!(focused_menu_item(c).await, "rename");
    screenshot(c, "context-menu").await;
    c.active_element().await.expect("focus").send_keys(&Key::Down.to_string()).await.expect("down");
    assert_eq!(focused_menu_item(c).await, "connect");
    c.active_element().await.expect("focus").send_keys(&Key::Up.to_string()).await.expect("up");
    c.active_element().await.expect("focus").send_keys(&Key::Up.to_string()).await.expect("up, wrapping");
    assert_eq!(focused_menu_item(c).await, "delete");
    // Escape closes it; nothing was done.
    c.active_element().await.expect("focus").send_keys(&Key::Escape.to_string()).await.expect("escape");
    wait_for_count(c, ".context-menu", 0).await;
    assert_eq!(c.find_all(Locator::Css(".node")).await.expect("nodes").len(), 3);

    // Duplicate adds a box; Rename opens the name field on the box, focused.
    right_click(c, r#".node[data-kind="queue"]"#, 0.0, 0.0).await;
    choose(c, "duplicate").await;
    wait_for_count(c, r#".node[data-kind="queue"]"#, 2).await;
    right_click(c, r#".node[data-kind="function"]"#, 0.0, 0.0).await;
    choose(c, "rename").await;
    let field = js(c, "return document.activeElement && document.activeElement.tagName + ' ' + document.activeElement.value;").await;
    assert_eq!(field, serde_json::json!("INPUT Worker"), "the name field has focus");
    c.active_element().await.expect("focus").send_keys(&Key::Escape.to_string()).await.expect("cancel");

    // Connect to…: the inspector's chooser for that box takes focus.
    right_click(c, r#".node[data-kind="client"]"#, 0.0, 0.0).await;
    choose(c, "connect").await;
    let active = js(c, "return document.activeElement && document.activeElement.id;").await;
    assert_eq!(active, serde_json::json!("connect-to"));

    // From the keyboard: Shift+F10 on a focused box opens its menu; Escape gives focus
    // back to the box; Enter acts at once (no wait, unlike a pointer's click).
    js(c, "document.querySelector('.node[data-kind=\"function\"]').focus(); return true;").await;
    c.active_element().await.expect("the box").send_keys(&format!("{}{}", Key::Shift, Key::F10)).await.expect("Shift+F10");
    assert_eq!(items(c).await, ["rename", "connect", "duplicate", "delete"]);
    wait_for_count(c, r#".node.selected[data-kind="function"]"#, 1).await;
    c.active_element().await.expect("focus").send_keys(&Key::Escape.to_string()).await.expect("escape");
    wait_for_count(c, ".context-menu", 0).await;
    let back = js(c, "return document.activeElement.getAttribute('data-kind');").await;
    assert_eq!(back, serde_json::json!("function"), "focus goes back to the box");
    c.active_element().await.expect("the box").send_keys(&format!("{}{}", Key::Shift, Key::F10)).await.expect("Shift+F10");
    items(c).await;
    c.active_element().await.expect("Rename").send_keys(&Key::Enter.to_string()).await.expect("Enter at once");
    wait_for_count(c, ".context-menu", 0).await;
    c.wait().for_element(Locator::Css(".canvas-layer input")).await.expect("the name field, from the keyboard");
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while js(c, "return document.activeElement.tagName;").await != serde_json::json!("INPUT") {
        assert!(std::time::Instant::now() < deadline, "the name field takes focus");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    c.active_element().await.expect("focus").send_keys(&Key::Escape.to_string()).await.expect("cancel");
    wait_for_count(c, ".canvas-layer input", 0).await;

    // Delete removes the box.
    right_click(c, r#".node[data-kind="function"]"#, 0.0, 0.0).await;
    choose(c, "delete").await;
    wait_for_count(c, r#".node[data-kind="function"]"#, 0).await;

    // On the empty canvas: the canvas's actions; Select all selects every box.
    let empty = js(c, "const r = document.getElementById('canvas-svg').getBoundingClientRect(); return [r.width, r.height];").await;
    let height = empty[1].as_f64().expect("height");
    right_click(c, "#canvas-svg", 0.0, height / 2.0 - 30.0).await;
    assert_eq!(items(c).await, ["select-all", "fit"], "nothing copied: no Paste");
    choose(c, "select-all").await;
    wait_for_count(c, ".node.selected", 3).await;
    // Once something is copied, Paste is offered and adds it.
    support::ctrl_key(c, 'c', false).await;
    right_click(c, "#canvas-svg", 0.0, height / 2.0 - 30.0).await;
    assert_eq!(items(c).await, ["paste", "select-all", "fit"]);
    choose(c, "paste").await;
    wait_for_count(c, ".node", 6).await;
    b.client.clone().close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn a_long_press_on_a_phone_opens_the_menu_and_a_tap_chooses() {
    let base = support::serve_dist().await;
    let link = decouple_lab::share::link_for(&queue_and_function(), &base).url;
    let b = support::open_phone(link).await;
    let c = &b.client;
    wait_for_count(c, ".node", 3).await;
    let queue = c.find(Locator::Css(r#".node[data-kind="queue"] .node-box"#)).await.expect("the queue");

    // A short tap only selects.
    let tap = TouchActions::new("finger".into())
        .then(PointerAction::MoveToElement { element: queue.clone(), duration: None, x: 0.0, y: 0.0 })
        .then(PointerAction::Down { button: 0 })
        .then(PointerAction::Up { button: 0 });
    c.perform_actions(tap).await.expect("tap");
    c.release_actions().await.expect("lift");
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(c.find_all(Locator::Css(".context-menu")).await.expect("menus").len(), 0, "a tap opens no menu");

    let press = TouchActions::new("finger".into())
        .then(PointerAction::MoveToElement { element: queue, duration: None, x: 0.0, y: 0.0 })
        .then(PointerAction::Down { button: 0 })
        .then(PointerAction::Pause { duration: Duration::from_millis(800) })
        .then(PointerAction::Up { button: 0 });
    c.perform_actions(press).await.expect("a long press");
    c.release_actions().await.expect("lift");
    assert_eq!(items(c).await, ["rename", "connect", "duplicate", "delete"], "the lifted finger did not close it");
    screenshot(c, "phone-context-menu").await;
    let delete = c.find(Locator::Css(r#".context-menu [data-menu="delete"]"#)).await.expect("Delete");
    tokio::time::sleep(Duration::from_millis(450)).await;
    let tap = TouchActions::new("finger".into())
        .then(PointerAction::MoveToElement { element: delete, duration: None, x: 0.0, y: 0.0 })
        .then(PointerAction::Down { button: 0 })
        .then(PointerAction::Up { button: 0 });
    c.perform_actions(tap).await.expect("tap Delete");
    c.release_actions().await.expect("lift");
    wait_for_count(c, r#".node[data-kind="queue"]"#, 0).await;
    wait_for_count(c, ".context-menu", 0).await;
    b.client.clone().close().await.expect("close");
}
