//! The first paint (index.html) in headless Chromium: while the page's wasm downloads the
//! learner reads what the page is for and how far the download is; the app replaces it
//! when it mounts, having fetched its wasm once; a wasm that cannot load is said in a
//! sentence, in the learner's language, with a button that tries again.

mod support;

use fantoccini::{Client, Locator};
use std::time::Duration;
use support::{js, text_of};

/// The app takes the page over from the first paint, and the wasm the first paint's
/// progress bar follows is the one the page runs: fetched once, not once for the bar and
/// again for the app (index.html preloads it).
#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn the_first_paint_gives_way_to_the_app_which_fetched_its_wasm_once() {
    let b = support::open_app().await;
    let c = &b.client;
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas");
    assert_eq!(c.find_all(Locator::Css("#first-paint")).await.expect("query").len(), 0, "the first paint is gone");
    let headings = js(c, "return [...document.querySelectorAll('h1')].map((h) => h.textContent)").await;
    assert_eq!(headings, serde_json::json!(["Decouple Lab"]), "only the app's heading");
    let wasm_fetches = js(c, "return performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length").await;
    assert_eq!(wasm_fetches, serde_json::json!(1), "the page's wasm is fetched once");
    b.client.clone().close().await.expect("close");
}

/// A site whose page wasm is broken (here: garbage in its place) keeps the first paint,
/// shows the download as complete, says the editor could not load (in Vietnamese for a
/// learner who chose it) and offers a reload, which opens the app once the file is good.
#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn a_page_whose_wasm_cannot_load_says_so_and_reloads() {
    let is_page_wasm = |name: &str| name.ends_with("_bg.wasm") && !name.starts_with("iac_worker");
    let site = support::copy_of_the_build("site-with-broken-wasm", |name| if is_page_wasm(name) { support::Served::Bytes(vec![0x2a; 4096]) } else { support::Served::AsBuilt });
    let (base_url, _) = support::serve_folder_until_offline(site.0.clone()).await;
    let b = support::open_browser(base_url).await;
    let c = &b.client;

    wait_for_failure(c).await;
    assert_eq!(text_of(c, "#first-paint-status").await, "The editor could not load: check the connection, then reload the page.");
    let bar_at = js(c, "return document.querySelector('.first-paint-progress').getAttribute('aria-valuenow')").await;
    assert_eq!(bar_at, serde_json::json!("100"), "the bar followed the download to its end");
    assert!(c.find(Locator::Css(".first-paint-reload")).await.expect("the reload button").is_displayed().await.expect("shown"));
    assert_eq!(c.find_all(Locator::Css("#canvas-svg")).await.expect("query").len(), 0, "no app");
    assert_eq!(support::axe_violations(c).await, Vec::<String>::new(), "the first paint is accessible");
    support::screenshot(c, "first-paint-failed").await;

    js(c, "localStorage.setItem('decouple-lab.lang', 'vi'); location.reload(); return null").await;
    wait_for_failure(c).await;
    assert_eq!(text_of(c, "#first-paint-status").await, "Không tải được trình soạn sơ đồ: hãy kiểm tra kết nối rồi tải lại trang.");
    assert_eq!(text_of(c, ".first-paint-reload").await, "Tải lại trang");
    assert_eq!(js(c, "return document.documentElement.lang").await, serde_json::json!("vi"));

    for entry in std::fs::read_dir(support::dist_dir()).expect("dist") {
        let path = entry.expect("an entry").path();
        if path.file_name().is_some_and(|n| is_page_wasm(&n.to_string_lossy())) {
            std::fs::copy(&path, site.0.join(path.file_name().expect("a name"))).expect("mend the wasm");
        }
    }
    c.find(Locator::Css(".first-paint-reload")).await.expect("the reload button").click().await.expect("reload");
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the app after the reload");
    assert_eq!(c.find_all(Locator::Css("#first-paint")).await.expect("query").len(), 0, "the first paint is gone");
    b.client.clone().close().await.expect("close");
}

/// A page whose script does not arrive (an index.html from an older release, its hashed
/// JS gone from the host) says so too, rather than "Loading" forever.
#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn a_page_whose_script_does_not_arrive_says_so() {
    let site = support::copy_of_the_build("site-without-page-js", |name| if name.starts_with("decouple-lab-") && name.ends_with(".js") { support::Served::Missing } else { support::Served::AsBuilt });
    let (base_url, _) = support::serve_folder_until_offline(site.0.clone()).await;
    let b = support::open_browser(base_url).await;
    let c = &b.client;
    wait_for_failure(c).await;
    assert_eq!(text_of(c, "#first-paint-status").await, "The editor could not load: check the connection, then reload the page.");
    b.client.clone().close().await.expect("close");
}

/// A browser without WebAssembly (here: the page's `WebAssembly` taken away before its
/// scripts run) is told so, and which browsers will do, rather than shown a download.
#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn a_browser_without_webassembly_is_told_so() {
    let b = support::open_app().await;
    let c = &b.client;
    support::devtools(c, "Page.addScriptToEvaluateOnNewDocument", serde_json::json!({ "source": "delete window.WebAssembly;" })).await;
    c.goto(&b.base_url).await.expect("open the page again");
    wait_for_failure(c).await;
    assert_eq!(
        text_of(c, "#first-paint-status").await,
        "This browser cannot run WebAssembly, which Decouple Lab needs: open the page in a current Chrome, Edge, Firefox or Safari."
    );
    b.client.clone().close().await.expect("close");
}

async fn wait_for_failure(c: &Client) {
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("#first-paint.first-paint-failed"))
        .await
        .expect("the first paint says the editor could not load");
}
