//! The learner's first minutes at the three window sizes a laptop gives (1440 × 900,
//! 1280 × 720, 1024 × 700): the empty page offers the lesson inside the canvas, exercise 1
//! built from the lesson's words opens readable from its start and plays, and the Share dialog
//! opens and closes from the keyboard. With DLAB_SCREENSHOTS set it also takes the
//! README's pictures of each (the outage at these sizes is in e2e_outage).

mod support;

use decouple_lab::lessons::exercise;
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use std::time::Duration;
use support::{js, screenshot};

const SIZES: [(u32, u32); 3] = [(1440, 900), (1280, 720), (1024, 700)];

/// Whether every element `selector` matches lies inside the canvas's rectangle.
async fn all_inside_the_canvas(c: &Client, selector: &str) -> bool {
    let script = format!(
        r#"const cv = document.querySelector('.canvas').getBoundingClientRect();
        const els = [...document.querySelectorAll('{selector}')];
        return els.length > 0 && els.every(e => {{ const r = e.getBoundingClientRect();
            return r.left >= cv.left && r.right <= cv.right && r.top >= cv.top && r.bottom <= cv.bottom; }});"#
    );
    js(c, &script).await == serde_json::Value::Bool(true)
}

/// The number before " sent" in the toolbar's run summary, once there is one.
async fn sent(c: &Client) -> Option<u64> {
    let text = c.find(Locator::Css(".run-summary")).await.ok()?.text().await.ok()?;
    text.split(" · ").find_map(|part| part.strip_suffix(" sent")?.trim().parse().ok())
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn the_first_minutes_work_at_every_laptop_size() {
    let b = support::open_app().await;
    let c = &b.client;
    let solution = exercise("pipeline").expect("exercise 1").solution();
    for (width, height) in SIZES {
        // The empty page: the lesson's choices are inside the canvas, not under the fold.
        c.goto(&b.base_url).await.expect("open the page");
        js(c, "localStorage.clear();").await;
        c.refresh().await.expect("reload empty");
        support::page_size(c, width, height).await;
        c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(".empty-choice")).await.expect("the lesson's choices");
        assert!(all_inside_the_canvas(c, ".empty-choice").await, "{width}: every exercise and pattern choice shows in the canvas");
        screenshot(c, &format!("sizes-empty-{width}")).await;

        // Exercise 1 from the lesson's words, playing: every box in sight, orders arriving.
        support::open_link(c, &solution, &b.base_url).await;
        // Readable, from where the flow starts (a diagram wider than the canvas at a
        // readable zoom is panned to its rest, as `Viewport::readable` promises).
        assert!(all_inside_the_canvas(c, r#".node[data-kind="client"], .node[data-kind="api_gateway"]"#).await, "{width}: exercise 1 opens with its flow's start in sight");
        let name_px = js(c, "return Math.min(...[...document.querySelectorAll('.node .node-name')].map(t => t.getBoundingClientRect().height));").await;
        assert!(name_px.as_f64().is_some_and(|px| px >= 11.0), "{width}: box names are readable: {name_px} px");
        c.find(Locator::Css(r#"button[aria-label^="Play"]"#)).await.expect("Play").click().await.expect("play");
        let mut reached = None;
        for _ in 0..100 {
            reached = sent(c).await.filter(|&n| n >= 20);
            if reached.is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(reached.is_some(), "{width}: the shoppers' orders flow once Play is pressed");
        screenshot(c, &format!("sizes-exercise1-playing-{width}")).await;
        let page = js(c, "const d = document.documentElement; return [d.scrollWidth, d.scrollHeight, d.clientWidth, d.clientHeight];").await;
        let px = |i: usize| page[i].as_f64().expect("a size");
        assert!(px(0) <= px(2) && px(1) <= px(3), "{width}: the page itself never scrolls (the app fills the window): {page}");
        c.find(Locator::Css(r#"button[aria-label^="Pause"]"#)).await.expect("Pause").click().await.expect("pause");
        // The queue's settings fit the inspector's width (units such as "before the DLQ" wrap).
        c.find(Locator::Css(r#".node[data-kind="queue"]"#)).await.expect("the queue").click().await.expect("select it");
        c.wait().for_element(Locator::Css(r#".inspector [data-setting="max_receive_count"], .inspector .setting"#)).await.expect("its settings");
        let overflow = js(c, "const i = document.querySelector('.inspector'); return [i.scrollWidth, i.clientWidth];").await;
        assert!(overflow[0].as_f64().expect("width") <= overflow[1].as_f64().expect("width"), "{width}: the inspector never scrolls sideways: {overflow}");

        // Share from the keyboard: Enter on the focused button opens it with focus inside,
        // Escape closes it and gives focus back.
        js(c, r#"document.querySelector('[data-action="share"]').focus();"#).await;
        c.active_element().await.expect("focus").send_keys(&Key::Enter.to_string()).await.expect("Enter");
        c.wait().at_most(Duration::from_secs(5)).for_element(Locator::Css(".dialog")).await.expect("the Share dialog");
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(js(c, "return !!document.activeElement.closest('.dialog');").await, true, "{width}: focus moves into the dialog");
        assert_eq!(
            js(c, "const r = document.querySelector('.dialog').getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;").await,
            true,
            "{width}: the dialog fits the window"
        );
        screenshot(c, &format!("sizes-share-keyboard-{width}")).await;
        c.active_element().await.expect("focus").send_keys(&Key::Escape.to_string()).await.expect("Escape");
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert!(c.find(Locator::Css(".dialog")).await.is_err(), "{width}: Escape closes it");
        assert_eq!(js(c, "return document.activeElement.dataset.action || '';").await, "share", "{width}: focus returns to Share");
    }
    b.client.clone().close().await.expect("close");
}
