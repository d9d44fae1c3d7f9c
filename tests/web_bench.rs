//! The engine's speed in the browser: M/M/3 (arrival 0.2, service 0.1) on the same
//! engine as `dlab mmc`, timed with the page's clock. `make bench-wasm` runs it in an
//! optimised build in headless Chromium and prints events per second.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn mm3_events_per_second_in_the_browser() {
    // Warm up first: the browser compiles wasm quickly, then optimises hot functions
    // after they have run a while; the page plays for minutes, so steady state counts.
    decouple_lab::sim::mmc::run(0.2, 0.1, 3, 100_000, 2).expect("a stable M/M/3");
    // Five timed runs: on a shared machine the best shows the engine, the median the
    // machine's mood, so both are printed.
    let mut rates = Vec::new();
    for seed in 1..=5 {
        let start = js_sys::Date::now();
        let run = decouple_lab::sim::mmc::run(0.2, 0.1, 3, 500_000, seed).expect("a stable M/M/3");
        let seconds = (js_sys::Date::now() - start) / 1_000.0;
        let rate = run.events as f64 / seconds.max(1e-3);
        console_log!("run {seed}: {} events in {:.2} s = {:.2} million events/s (mean wait {:.3}, Erlang C 4.444)", run.events, seconds, rate / 1e6, run.simulated.mean_wait);
        // The run is real: its mean wait is near Erlang C's.
        assert!((run.simulated.mean_wait - 4.444).abs() < 0.5, "mean wait {}", run.simulated.mean_wait);
        rates.push(rate);
    }
    rates.sort_by(f64::total_cmp);
    console_log!("M/M/3 in the browser: best {:.2}, median {:.2} million events/s", rates[4] / 1e6, rates[2] / 1e6);
}
