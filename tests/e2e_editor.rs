//! The editor in headless Chromium through WebDriver: drag from the palette, connect,
//! edit with validation, undo, redo, reload and find the diagram restored.

mod support;

use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::Value;
use std::time::Duration;
use support::{autosaved, ctrl_key, drag, screenshot, wait_for_count};

/// The queue's visibility timeout in the autosaved diagram (absent means the default, 30).
fn saved_visibility(saved: &Value) -> Option<u64> {
    let queue = saved["components"].as_array()?.iter().find(|c| c["kind"] == "queue")?;
    Some(queue["settings"]["visibility_timeout_s"].as_u64().unwrap_or(30))
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn build_connect_edit_undo_redo_and_reload() {
    let browser = support::open_app().await;
    let c = &browser.client;
    let canvas = c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas");

    // Drag a Queue and a Function from the palette onto the canvas.
    let queue_item = c.find(Locator::Css(r#".palette-item[data-kind="queue"]"#)).await.expect("queue item");
    drag(c, &queue_item, &canvas, -200.0, -60.0).await;
    let function_item = c.find(Locator::Css(r#".palette-item[data-kind="function"]"#)).await.expect("function item");
    drag(c, &function_item, &canvas, 120.0, -60.0).await;
    wait_for_count(c, ".node", 2).await;
    let queue = c.find(Locator::Css(r#".node[data-kind="queue"]"#)).await.expect("a queue on the canvas");
    let function = c.find(Locator::Css(r#".node[data-kind="function"]"#)).await.expect("a function on the canvas");

    // Connect them from the queue's port.
    let port = queue.find(Locator::Css(".node-port")).await.expect("the queue's port");
    drag(c, &port, &function, 0.0, 0.0).await;
    let edges = wait_for_count(c, ".edge", 1).await;
    let label = edges[0].find(Locator::Css(".edge-label text")).await.expect("label").text().await.expect("text");
    assert_eq!(label, "event source mapping");
    screenshot(c, "editor-connected").await;

    // Select the queue and set its visibility timeout.
    queue.click().await.expect("select the queue");
    let input = c
        .wait()
        .for_element(Locator::Css(r#"[data-setting="visibility_timeout_s"] input"#))
        .await
        .expect("the inspector shows the visibility timeout");
    assert_eq!(input.prop("value").await.expect("value").as_deref(), Some("30"));
    input.clear().await.expect("clear");
    input.send_keys("120").await.expect("type");
    assert_eq!(saved_visibility(&autosaved(c).await), Some(30), "nothing is committed while typing");
    input.send_keys(&Key::Enter.to_string()).await.expect("Enter commits");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(saved_visibility(&autosaved(c).await), Some(120), "the edit is saved");

    // An out-of-range value is refused with the range, and nothing is saved.
    input.clear().await.expect("clear");
    input.send_keys("50000").await.expect("type");
    let error = c.wait().for_element(Locator::Css(r#"[data-setting="visibility_timeout_s"] .setting-error"#)).await.expect("an error");
    assert!(error.text().await.expect("text").contains("between 0 and 43,200"));
    input.send_keys(&Key::Enter.to_string()).await.expect("Enter");
    assert_eq!(saved_visibility(&autosaved(c).await), Some(120), "an invalid value is never committed");
    screenshot(c, "editor-invalid-setting").await;

    // Undo with the toolbar, redo with the keyboard.
    c.find(Locator::Css(r#"button[aria-label="Undo (Ctrl+Z)"]"#)).await.expect("undo button").click().await.expect("undo");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(saved_visibility(&autosaved(c).await), Some(30), "undo restores the default");
    canvas.click().await.expect("focus the canvas");
    ctrl_key(c, 'z', true).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(saved_visibility(&autosaved(c).await), Some(120), "redo brings the edit back");

    // Reload: the diagram comes back from LocalStorage.
    c.refresh().await.expect("reload");
    wait_for_count(c, ".node", 2).await;
    wait_for_count(c, ".edge", 1).await;
    assert_eq!(saved_visibility(&autosaved(c).await), Some(120));
    screenshot(c, "editor-restored").await;

    browser.client.clone().close().await.expect("close the session");
}
