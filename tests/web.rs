//! Component tests in a real browser (wasm-bindgen-test in headless Chromium):
//! `make test-wasm`. Natively this file compiles to nothing.

#![cfg(target_arch = "wasm32")]

use decouple_lab::model::ComponentKind;
use decouple_lab::ui::App;
use std::time::Duration;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app in a fresh element and waits for Yew's first render.
async fn mount_app() -> web_sys::Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").expect("create a root element");
    document.body().expect("a body").append_child(&root).expect("attach the root");
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::platform::time::sleep(Duration::from_millis(50)).await;
    root
}

#[wasm_bindgen_test]
async fn palette_lists_every_kind_with_its_aws_name() {
    let root = mount_app().await;
    // One item per kind the model has, each once.
    let items = root.query_selector_all(".palette-item").expect("query");
    assert_eq!(items.length() as usize, ComponentKind::ALL.len());
    for kind in ComponentKind::ALL {
        let selector = format!(r#".palette-item[data-kind="{}"]"#, kind.key());
        assert_eq!(root.query_selector_all(&selector).expect("query").length(), 1, "{selector}");
    }
    let queue = root.query_selector(r#".palette-item[data-kind="queue"]"#).expect("query").expect("a queue item");
    let text = queue.text_content().unwrap_or_default();
    assert!(text.contains("Queue") && text.contains("Amazon SQS"), "queue item reads: {text}");
}

#[wasm_bindgen_test]
async fn shell_has_toolbar_canvas_inspector_and_versioned_footer() {
    let root = mount_app().await;
    for selector in [".app-header", ".toolbar", ".canvas", ".inspector", ".app-footer"] {
        assert!(root.query_selector(selector).expect("query").is_some(), "{selector} is rendered");
    }
    let footer = root.query_selector(".app-footer").expect("query").expect("footer").text_content().unwrap_or_default();
    assert!(footer.contains(decouple_lab::VERSION), "footer reads: {footer}");
}

#[wasm_bindgen_test]
fn the_engine_runs_the_same_in_the_browser_as_natively() {
    let stored = include_str!("fixtures/sim_fingerprint.json").trim();
    assert_eq!(decouple_lab::lessons::simulate::reference_run(), stored);
}
