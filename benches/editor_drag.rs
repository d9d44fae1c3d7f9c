//! Editor responsiveness on a large diagram, in headless Chromium: a 60-step drag of
//! one component on a diagram of 300 components and 600 connections. Prints the median
//! and 95th percentile time per step (pointer event, Yew render and layout).
//!
//! Needs the release build and chromedriver: `make build && cargo bench --bench editor_drag`.

#[path = "../tests/support/mod.rs"]
mod support;

use decouple_lab::model::{ComponentKind, Diagram, Point};
use std::time::Duration;

/// 300 services and functions in a 20 × 15 grid, each calling the next two.
fn large_diagram() -> Diagram {
    let mut d = Diagram::new();
    let ids: Vec<_> = (0..300)
        .map(|i| {
            let kind = if i % 2 == 0 { ComponentKind::Service } else { ComponentKind::Function };
            let at = Point { x: f64::from(i % 20) * 240.0, y: f64::from(i / 20) * 120.0 };
            d.add_component(kind, format!("Box {i}"), at)
        })
        .collect();
    for (i, from) in ids.iter().enumerate() {
        for step in [1, 2] {
            if d.connection_count() < 600 {
                let _ = d.connect(*from, ids[(i + step) % ids.len()]);
            }
        }
    }
    d
}

const DRAG: &str = r#"
const done = arguments[arguments.length - 1];
const svg = document.getElementById('canvas-svg');
const node = document.querySelector('.node[data-id="0"]');
const r = node.getBoundingClientRect();
let x = r.left + 40, y = r.top + 30;
const at = (x, y) => ({ bubbles: true, cancelable: true, clientX: x, clientY: y, button: 0, buttons: 1,
                        pointerId: 1, pointerType: 'mouse', isPrimary: true });
node.dispatchEvent(new PointerEvent('pointerdown', at(x, y)));
const work = [], frames = [];
let i = 0, last = null;
function step(now) {
  if (last !== null) frames.push(now - last);
  last = now;
  if (i === 60) { svg.dispatchEvent(new PointerEvent('pointerup', at(x, y))); done({ work, frames }); return; }
  i++; x += 5; y += 2;
  const t0 = performance.now();
  svg.dispatchEvent(new PointerEvent('pointermove', at(x, y)));
  // Yew renders from its scheduler; by the next task the DOM is updated. Force layout.
  setTimeout(() => {
    const t1 = performance.now();
    void document.body.offsetHeight;
    work.push([t1 - t0, performance.now() - t1]);
    requestAnimationFrame(step);
  }, 0);
}
requestAnimationFrame(step);
"#;

fn percentile(values: &mut [f64], p: f64) -> f64 {
    values.sort_by(f64::total_cmp);
    let index = ((values.len() as f64 - 1.0) * p).round() as usize;
    values.get(index).copied().unwrap_or(f64::NAN)
}

#[tokio::main]
async fn main() {
    let diagram = large_diagram();
    assert_eq!((diagram.component_count(), diagram.connection_count()), (300, 600));
    let json = decouple_lab::share::to_json(&diagram);

    let browser = support::open_app().await;
    let c = &browser.client;
    c.execute("localStorage.setItem('decouple-lab.autosave', arguments[0]);", vec![json.into()]).await.expect("store the diagram");
    c.refresh().await.expect("reload");
    support::wait_for_count(c, ".node", 300).await;
    tokio::time::sleep(Duration::from_millis(500)).await;

    let result = c.execute_async(DRAG, vec![]).await.expect("run the drag");
    let pairs: Vec<(f64, f64)> = serde_json::from_value(result["work"].clone()).unwrap_or_default();
    let mut script: Vec<f64> = pairs.iter().map(|p| p.0).collect();
    let mut layout: Vec<f64> = pairs.iter().map(|p| p.1).collect();
    let mut work: Vec<f64> = pairs.iter().map(|p| p.0 + p.1).collect();
    let mut frames: Vec<f64> = serde_json::from_value(result["frames"].clone()).unwrap_or_default();
    let moved = support::autosaved(c).await["components"][0]["position"].clone();
    println!("editor drag, 300 components and 600 connections, {} steps (component now at {moved})", work.len());
    println!("  per step (event, render, layout): median {:.2} ms, p95 {:.2} ms", percentile(&mut work, 0.5), percentile(&mut work, 0.95));
    println!("  of which event and render: median {:.2} ms; style and layout: median {:.2} ms", percentile(&mut script, 0.5), percentile(&mut layout, 0.5));
    println!("  frame interval: median {:.2} ms, p95 {:.2} ms (target: median under 16 ms)", percentile(&mut frames, 0.5), percentile(&mut frames, 0.95));
    browser.client.clone().close().await.expect("close the session");
}
