//! The engine's speed in the browser: M/M/3 (arrival 0.2, service 0.1) on the same
//! engine as `dlab mmc`, timed with the page's clock. `make bench-wasm` runs it in a
//! release build in headless Chromium and prints events per second.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn mm3_events_per_second_in_the_browser() {
    let start = js_sys::Date::now();
    let run = decouple_lab::sim::mmc::run(0.2, 0.1, 3, 300_000, 1).expect("a stable M/M/3");
    let seconds = (js_sys::Date::now() - start) / 1_000.0;
    let rate = run.events as f64 / seconds.max(1e-3);
    console_log!("M/M/3 in the browser: {} events in {:.2} s = {:.2} million events/s (mean wait {:.3}, Erlang C 4.444)", run.events, seconds, rate / 1e6, run.simulated.mean_wait);
    // The run is real: its mean wait is near Erlang C's.
    assert!((run.simulated.mean_wait - 4.444).abs() < 0.4, "mean wait {}", run.simulated.mean_wait);
}
