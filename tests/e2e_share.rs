//! Sharing in headless Chromium: a pattern's link opens the same diagram in a fresh
//! browser profile, and a broken link is refused in a sentence with the diagram kept.

mod support;

use fantoccini::{Client, Locator};
use serde_json::Value;
use std::time::Duration;
use support::{autosaved, screenshot, wait_for_count};

/// The components' names and kinds in the autosaved diagram, sorted.
async fn saved_components(c: &Client) -> Vec<(String, String)> {
    let saved = autosaved(c).await;
    let mut list: Vec<(String, String)> = saved["components"]
        .as_array()
        .map(|a| a.iter().map(|c| (c["name"].as_str().unwrap_or("").to_string(), c["kind"].as_str().unwrap_or("").to_string())).collect())
        .unwrap_or_default();
    list.sort();
    list
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn a_copied_link_opens_the_same_diagram_and_a_broken_one_changes_nothing() {
    let first = support::open_app().await;
    let c = &first.client;
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas");

    // Open the lesson's e-commerce pipeline from the Patterns menu.
    c.find(Locator::Css(r#"[data-action="patterns"]"#)).await.expect("Patterns").click().await.expect("open the menu");
    c.wait().for_element(Locator::Css(r#"[data-pattern="ecommerce-pipeline"]"#)).await.expect("the pattern").click().await.expect("open it");
    let nodes = c.find_all(Locator::Css(".node")).await.expect("nodes").len();
    assert!(nodes >= 8, "the pipeline has its components: {nodes}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let original = saved_components(c).await;
    assert_eq!(original.len(), nodes);
    screenshot(c, "pattern-ecommerce").await;

    // Share it.
    c.find(Locator::Css(r#"[data-action="share"]"#)).await.expect("Share").click().await.expect("open Share");
    let link = c.wait().for_element(Locator::Css(".share-link")).await.expect("the link").prop("value").await.expect("value").unwrap_or_default();
    assert!(link.contains("#json=") || link.contains("#z="), "{link}");
    assert!(link.chars().count() < 2_000, "the pipeline's link is {} characters", link.chars().count());
    screenshot(c, "share-dialog").await;

    // A fresh browser profile opens the link to the same diagram.
    let second = support::open_browser(link.clone()).await;
    let d = &second.client;
    wait_for_count(d, ".node", nodes).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(saved_components(d).await, original);
    let url = d.current_url().await.expect("url");
    assert!(url.fragment().is_none(), "the fragment is cleared after opening: {url}");

    // A broken link: one sentence, and the diagram is still there.
    d.goto(&format!("{}#z=bm90IGEgZGVmbGF0ZSBzdHJlYW0", first.base_url)).await.expect("open a broken link");
    let notice = d.wait().for_element(Locator::Css(".notice.error")).await.expect("an error notice").text().await.expect("text");
    assert!(notice.contains("could not be opened") && notice.contains("unchanged"), "{notice}");
    assert_eq!(d.find_all(Locator::Css(".node")).await.expect("nodes").len(), nodes);
    assert_eq!(saved_components(d).await, original);
    screenshot(d, "broken-link").await;

    second.client.clone().close().await.expect("close");
    first.client.clone().close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn opening_a_link_over_work_asks_first_and_undo_brings_the_work_back() {
    let b = support::open_app().await;
    let c = &b.client;
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas");
    // Some work of the learner's own.
    c.find(Locator::Css(r#".palette-item[data-kind="queue"]"#)).await.expect("queue").click().await.expect("add");
    wait_for_count(c, ".node", 1).await;

    let mut shared = decouple_lab::model::Diagram::new();
    for (i, kind) in [decouple_lab::model::ComponentKind::Client, decouple_lab::model::ComponentKind::Topic].into_iter().enumerate() {
        shared.add_component(kind, format!("Shared {i}"), decouple_lab::model::Point { x: 240.0 * i as f64, y: 0.0 });
    }
    let link = decouple_lab::share::link_for(&shared, &b.base_url).url;
    c.goto(&link).await.expect("open the link");
    let dialog = c.wait().for_element(Locator::Css(r#"[role="alertdialog"]"#)).await.expect("a question first");
    assert!(dialog.text().await.expect("text").contains("2 components"));
    c.find(Locator::Css(r#"[data-action="open-it"]"#)).await.expect("Open it").click().await.expect("open");
    wait_for_count(c, ".node", 2).await;

    c.find(Locator::Css(r#"button[aria-label="Undo (Ctrl+Z)"]"#)).await.expect("undo").click().await.expect("undo");
    wait_for_count(c, ".node", 1).await;
    let saved: Value = autosaved(c).await;
    assert_eq!(saved["components"][0]["kind"], "queue", "the learner's own work is back");
    b.client.clone().close().await.expect("close");
}

/// Where the keyboard's focus is: the focused element's `data-action`, class or tag, and
/// whether it is inside the open dialog.
async fn focus(c: &Client) -> (String, bool) {
    let v = c
        .execute(
            "const a = document.activeElement; return [a.getAttribute('data-action') || a.className || a.tagName, !!a.closest('[role=dialog]')];",
            vec![],
        )
        .await
        .expect("the focused element");
    (v[0].as_str().unwrap_or_default().to_string(), v[1].as_bool() == Some(true))
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn the_share_dialog_from_the_keyboard_keeps_focus_inside_and_escape_returns_it() {
    use fantoccini::key::Key;
    let b = support::open_app().await;
    let c = &b.client;
    let share = c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(r#"[data-action="share"]"#)).await.expect("Share");
    share.send_keys(&Key::Enter.to_string()).await.expect("Enter on Share");
    c.wait().for_element(Locator::Css(".share-link")).await.expect("the share dialog");
    assert!(focus(c).await.1, "opening moves focus into the dialog: {:?}", focus(c).await);

    // Twenty Tabs and Shift+Tabs never leave it.
    for i in 0..20 {
        let key = if i % 3 == 2 { format!("{}{}", Key::Shift, Key::Tab) } else { Key::Tab.to_string() };
        c.active_element().await.expect("focused").send_keys(&key).await.expect("Tab");
        let (at, inside) = focus(c).await;
        assert!(inside, "Tab {i} left the dialog for {at}");
    }
    screenshot(c, "share-dialog-keyboard").await;

    c.active_element().await.expect("focused").send_keys(&Key::Escape.to_string()).await.expect("Escape");
    wait_for_count(c, "[role=dialog]", 0).await;
    assert_eq!(focus(c).await.0, "share", "focus returns to the Share button");
}

/// A pattern opens at once over an empty canvas or over a pattern left untouched (Undo
/// brings the previous one back), and asks first over work of the learner's own: "Keep
/// mine" keeps the diagram and the pattern card it had, "Open it" opens the pattern.
#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn a_pattern_asks_before_it_replaces_the_learners_own_work() {
    let b = support::open_app().await;
    let c = &b.client;
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas");
    let boxes = |id: &str| decouple_lab::lessons::pattern(id).expect("a pattern").try_diagram().expect("it builds").component_count();
    let title = |id: &str| decouple_lab::lessons::pattern(id).expect("a pattern").title.en;
    let open_pattern = |id: &'static str| async move {
        c.find(Locator::Css(r#"[data-action="patterns"]"#)).await.expect("Patterns").click().await.expect("open the menu");
        c.wait().for_element(Locator::Css(&format!(r#".menu-item[data-pattern="{id}"]"#))).await.expect("the pattern").click().await.expect("open it");
    };
    let card = || async { support::text_of(c, ".pattern-card h2").await };
    let questions = || async { c.find_all(Locator::Css(r#"[role="alertdialog"]"#)).await.expect("query").len() };

    open_pattern("producer-consumer").await;
    wait_for_count(c, ".node", boxes("producer-consumer")).await;
    open_pattern("sns-fanout").await;
    wait_for_count(c, ".node", boxes("sns-fanout")).await;
    assert_eq!(questions().await, 0, "an untouched pattern is replaced without a question");
    assert_eq!(card().await, title("sns-fanout"));
    assert!(support::text_of(c, ".notice").await.contains("Undo brings back"), "and Undo is offered");

    c.find(Locator::Css(r#".palette-item[data-kind="queue"]"#)).await.expect("queue").click().await.expect("add");
    let own = boxes("sns-fanout") + 1;
    wait_for_count(c, ".node", own).await;
    open_pattern("producer-consumer").await;
    let dialog = c.wait().for_element(Locator::Css(r#"[role="alertdialog"]"#)).await.expect("a question first");
    assert!(dialog.text().await.expect("text").contains(&format!("Open the pattern “{}”?", title("producer-consumer"))));
    screenshot(c, "pattern-question").await;
    c.find(Locator::XPath("//div[@role='alertdialog']//button[normalize-space()='Keep mine']")).await.expect("Keep mine").click().await.expect("keep");
    assert_eq!(questions().await, 0);
    assert_eq!(c.find_all(Locator::Css(".node")).await.expect("nodes").len(), own, "the work is kept");
    // The card shows with nothing selected (the queue just added is).
    c.execute("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));", vec![]).await.expect("select nothing");
    assert_eq!(card().await, title("sns-fanout"), "and the card that went with it");

    open_pattern("producer-consumer").await;
    c.wait().for_element(Locator::Css(r#"[data-action="open-it"]"#)).await.expect("asked again").click().await.expect("open it");
    wait_for_count(c, ".node", boxes("producer-consumer")).await;
    assert_eq!(card().await, title("producer-consumer"));
    b.client.clone().close().await.expect("close");
}
