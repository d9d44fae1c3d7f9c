//! "My diagrams" in headless Chromium: save the current diagram under a name, rename
//! it, open it over other work, delete it; all kept in the browser's storage.

mod support;

use fantoccini::key::Key;
use fantoccini::Locator;
use std::time::Duration;
use support::wait_for_count;

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn save_rename_open_and_delete_a_named_diagram() {
    let b = support::open_app().await;
    let c = &b.client;
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas");
    for kind in ["client", "queue", "function"] {
        c.find(Locator::Css(&format!(r#".palette-item[data-kind="{kind}"]"#))).await.expect("item").click().await.expect("add");
    }
    wait_for_count(c, ".node", 3).await;

    let open_library = || async {
        // Waited for, not found at once: this lookup failed once in CI right after the
        // boxes were added (cause unknown; the header is never re-created).
        let header = match c.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css(".app-header")).await {
            Ok(h) => h.text().await.unwrap_or_default(),
            Err(e) => panic!("no header ({e}); the page reads: {}", c.source().await.unwrap_or_default().chars().take(600).collect::<String>()),
        };
        let button = c.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css(r#"[data-action="library"]"#)).await;
        button.unwrap_or_else(|e| panic!("no My diagrams button ({e}); the header reads: {header}")).click().await.expect("open");
        c.wait().for_element(Locator::Css(".library-dialog")).await.expect("the dialog")
    };
    let dialog = open_library().await;
    let name = dialog.find(Locator::Css(r#"input[aria-label="Name for the current diagram"]"#)).await.expect("name");
    name.send_keys("Three boxes").await.expect("type");
    dialog.find(Locator::XPath(".//button[normalize-space()='Save current']")).await.expect("save").click().await.expect("save");
    c.wait().for_element(Locator::Css(r#".library-entry[data-name="Three boxes"]"#)).await.expect("saved");

    // Rename it.
    c.find(Locator::XPath("//li[@data-name='Three boxes']//button[normalize-space()='Rename']")).await.expect("rename").click().await.expect("rename");
    let input = c.find(Locator::Css(r#"input[aria-label="New name"]"#)).await.expect("new name");
    input.clear().await.expect("clear");
    input.send_keys(&format!("Pipeline draft{}", Key::Enter)).await.expect("type");
    c.wait().for_element(Locator::Css(r#".library-entry[data-name="Pipeline draft"]"#)).await.expect("renamed");
    support::screenshot(c, "library").await;
    c.find(Locator::Css(r#"button[aria-label="Close"]"#)).await.expect("close").click().await.expect("close");

    // Other work on the canvas, then open the saved one over it.
    c.find(Locator::Css("#canvas-svg")).await.expect("canvas").click().await.expect("focus");
    c.execute("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'a', ctrlKey: true, bubbles: true}));", vec![]).await.expect("select all");
    c.execute("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Delete', bubbles: true}));", vec![]).await.expect("delete");
    wait_for_count(c, ".node", 0).await;
    c.find(Locator::Css(r#".palette-item[data-kind="topic"]"#)).await.expect("topic").click().await.expect("add");
    wait_for_count(c, ".node", 1).await;

    open_library().await;
    c.find(Locator::XPath("//li[@data-name='Pipeline draft']//button[normalize-space()='Open']")).await.expect("open").click().await.expect("open");
    c.wait().for_element(Locator::Css(r#"[data-action="open-it"]"#)).await.expect("asks first").click().await.expect("open it");
    wait_for_count(c, ".node", 3).await;

    // Delete it from the list; a reload shows it gone.
    open_library().await;
    c.find(Locator::XPath("//li[@data-name='Pipeline draft']//button[normalize-space()='Delete']")).await.expect("delete").click().await.expect("delete");
    wait_for_count(c, ".library-entry", 0).await;
    c.refresh().await.expect("reload");
    open_library().await;
    wait_for_count(c, ".library-entry", 0).await;
    b.client.clone().close().await.expect("close");
}
