//! End to end: the release build, served and driven in headless Chromium through
//! WebDriver. Needs `dist/` and chromedriver, so plain `cargo test` skips it; `make
//! test` builds the app and runs it with `--include-ignored`.

mod support;

use fantoccini::Locator;
use std::time::Duration;

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn shell_renders_with_palette_canvas_and_inspector() {
    let browser = support::open_app().await;
    let c = &browser.client;

    let queue = c
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(r#".palette-item[data-kind="queue"]"#))
        .await
        .expect("the palette shows a Queue item");
    assert!(queue.is_displayed().await.expect("visibility"), "the Queue palette item is visible");
    assert!(queue.text().await.expect("text").contains("Amazon SQS"));

    let items = c.find_all(Locator::Css(".palette-item")).await.expect("palette items");
    assert_eq!(items.len(), 17, "every component kind is in the palette");

    for region in [".app-header", ".toolbar", ".canvas", ".inspector", ".app-footer"] {
        let element = c.find(Locator::Css(region)).await.unwrap_or_else(|_| panic!("{region} is on the page"));
        assert!(element.is_displayed().await.expect("visibility"), "{region} is visible");
    }
    let footer = c.find(Locator::Css(".app-footer")).await.expect("footer").text().await.expect("text");
    assert!(footer.contains(env!("CARGO_PKG_VERSION")), "the footer shows the version: {footer}");
    assert_eq!(c.title().await.expect("title"), "Decouple Lab");

    browser.client.clone().close().await.expect("close the session");
}
