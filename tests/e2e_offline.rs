//! Offline after one visit, in headless Chromium: the service worker caches the build,
//! the network goes away (DevTools' offline emulation, and the server stops answering),
//! and a reload still opens the page, a pasted template (through the template worker),
//! a ready-made pattern and its run.

mod support;

use fantoccini::{Client, Locator};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use support::{devtools, screenshot};

/// Waits until `script` returns true, or fails naming `what`.
async fn wait_until(c: &Client, script: &str, what: &str, limit: Duration) {
    let deadline = Instant::now() + limit;
    loop {
        if c.execute(script, vec![]).await.ok().and_then(|v| v.as_bool()) == Some(true) {
            return;
        }
        assert!(Instant::now() < deadline, "{what} did not happen within {limit:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn after_one_visit_the_page_opens_a_pattern_and_plays_with_no_network() {
    let (base_url, offline) = support::serve_dist_until_offline().await;
    let b = support::open_browser(base_url.clone()).await;
    let c = &b.client;
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas");
    wait_until(c, "return !!navigator.serviceWorker.controller;", "the service worker taking control", Duration::from_secs(30)).await;

    // The network goes away: DevTools' offline switch, and the server answers nothing.
    offline.store(true, Ordering::SeqCst);
    devtools(c, "Network.enable", serde_json::json!({})).await;
    devtools(c, "Network.emulateNetworkConditions", serde_json::json!({ "offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 })).await;
    let online = c.execute("return navigator.onLine;", vec![]).await.expect("navigator.onLine");
    assert_eq!(online, serde_json::Value::Bool(false), "the browser believes it is offline");

    c.goto(&base_url).await.expect("reload with no network");
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas, offline");

    // A pasted template opens: the template worker came from the cache too.
    c.find(Locator::Css(r#"[data-action="paste"]"#)).await.expect("Paste").click().await.expect("open Paste");
    let area = c.wait().for_element(Locator::Css(".paste-text")).await.expect("the paste box");
    area.send_keys("Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n  Audit:\n    Type: AWS::SNS::Topic\n").await.expect("type a template");
    c.find(Locator::Css(r#"[data-action="open-pasted"]"#)).await.expect("Open").click().await.expect("open it");
    // The two resources, and the client the importer adds so the diagram plays.
    support::wait_for_count(c, ".node", 3).await;
    let names = c.execute("return [...document.querySelectorAll('.node-name')].map((n) => n.textContent).sort();", vec![]).await.expect("names");
    assert_eq!(names, serde_json::json!(["Audit", "Orders", "Test traffic"]));

    // A ready-made pattern opens and plays.
    c.find(Locator::Css(r#"[data-action="patterns"]"#)).await.expect("Patterns").click().await.expect("open the menu");
    c.wait().for_element(Locator::Css(r#"[data-pattern="ecommerce-pipeline"]"#)).await.expect("the pattern").click().await.expect("open it");
    let nodes = c.find_all(Locator::Css(".node")).await.expect("nodes").len();
    assert!(nodes >= 8, "the pipeline opened offline with its components: {nodes}");
    c.find(Locator::Css(r#"button[aria-label^="Play"]"#)).await.expect("Play").click().await.expect("play");
    wait_until(
        c,
        "const s = document.querySelector('.run-summary'); const n = s && parseInt(s.textContent, 10); return n > 0;",
        "messages being created offline",
        Duration::from_secs(20),
    )
    .await;
    screenshot(c, "offline-pattern-playing").await;
}

/// The names of the page's caches, sorted.
async fn cache_names(c: &Client) -> Vec<String> {
    let names = c
        .execute_async("const done = arguments[arguments.length - 1]; caches.keys().then((k) => done(k.sort()));", vec![])
        .await
        .expect("caches.keys()");
    serde_json::from_value(names).expect("a list of cache names")
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn a_new_release_replaces_the_cached_one() {
    // A copy of the build, so the test can publish a "new release" in place.
    let site = support::TempDir::new("site");
    for entry in std::fs::read_dir(support::dist_dir()).expect("dist") {
        let path = entry.expect("an entry").path();
        if path.is_file() {
            std::fs::copy(&path, site.0.join(path.file_name().expect("a name"))).expect("copy the build");
        }
    }
    let (base_url, _) = support::serve_folder_until_offline(site.0.clone()).await;
    let b = support::open_browser(base_url).await;
    let c = &b.client;
    wait_until(c, "return !!navigator.serviceWorker.controller;", "the service worker taking control", Duration::from_secs(30)).await;
    let first = cache_names(c).await;
    assert_eq!(first.len(), 1, "one release cached: {first:?}");

    // The next release: the same files under a new build id, as the build hook writes it.
    let worker = std::fs::read_to_string(site.0.join("sw.js")).expect("sw.js");
    let old_id = first[0].trim_start_matches("decouple-lab-");
    assert!(worker.contains(old_id), "the worker names its build {old_id}");
    std::fs::write(site.0.join("sw.js"), worker.replace(old_id, "0000000000000000")).expect("publish");
    c.execute_async("const done = arguments[arguments.length - 1]; navigator.serviceWorker.getRegistration().then((r) => r.update()).then(() => done(true), (e) => done(String(e)));", vec![])
        .await
        .expect("look for an update");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let names = cache_names(c).await;
        if names == ["decouple-lab-0000000000000000"] {
            break;
        }
        assert!(Instant::now() < deadline, "the new release did not replace the old cache: {names:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
