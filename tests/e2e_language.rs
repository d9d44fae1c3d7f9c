//! The language switch in headless Chromium: Vietnamese labels in the header, toolbar,
//! palette, patterns and exercises; the choice is remembered across a reload.

mod support;

use fantoccini::Locator;
use std::time::Duration;
use support::screenshot;

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn switching_to_vietnamese_is_remembered() {
    let b = support::open_app().await;
    let c = &b.client;
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas");
    c.find(Locator::Css(r#".lang-button[lang="vi"]"#)).await.expect("VI").click().await.expect("switch");

    let header = c.find(Locator::Css(".header-actions")).await.expect("header").text().await.expect("text");
    for word in ["Mẫu kiến trúc", "Bài tập", "Chia sẻ"] {
        assert!(header.contains(word), "{word} in {header}");
    }
    let queue = c.find(Locator::Css(r#".palette-item[data-kind="queue"]"#)).await.expect("queue").text().await.expect("text");
    assert!(queue.contains("Hàng đợi") && queue.contains("Amazon SQS"), "AWS names stay English: {queue}");
    let html_lang = c.execute("return document.documentElement.lang;", vec![]).await.expect("lang");
    assert_eq!(html_lang, "vi");

    // Patterns and exercises speak Vietnamese too.
    c.find(Locator::Css(r#"[data-action="exercises"]"#)).await.expect("exercises").click().await.expect("open");
    let panel = c.wait().for_element(Locator::Css(".exercises")).await.expect("panel").text().await.expect("text");
    assert!(panel.contains("Kiểm tra sơ đồ của tôi"), "{panel}");
    screenshot(c, "vietnamese").await;

    c.refresh().await.expect("reload");
    let header = c.wait().for_element(Locator::Css(".header-actions")).await.expect("header").text().await.expect("text");
    assert!(header.contains("Mẫu kiến trúc"), "the choice is remembered: {header}");
    c.find(Locator::Css(r#".lang-button[lang="en"]"#)).await.expect("EN").click().await.expect("switch back");
    let header = c.find(Locator::Css(".header-actions")).await.expect("header").text().await.expect("text");
    assert!(header.contains("Patterns"), "{header}");
    b.client.clone().close().await.expect("close");
}
