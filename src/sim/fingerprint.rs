//! A run's fingerprint: what must come out the same natively and in the browser for
//! the same diagram, seed and duration (the books and the number of events).

use super::Simulation;
use crate::model::Diagram;

/// The lesson's order-processing pattern run for 60 simulated seconds with its seed,
/// as one line of JSON. `tests/fixtures/sim_fingerprint.json` holds the native result;
/// a native test and a browser test both compare against it.
pub fn reference_run() -> String {
    let diagram: Diagram = crate::lessons::pattern("order-processing").map(|p| p.diagram()).unwrap_or_default();
    match crate::lessons::simulate::run(&diagram, 60.0) {
        Ok(sim) => fingerprint(&sim),
        Err(why) => format!("{{\"error\": {why:?}}}"),
    }
}

pub fn fingerprint(sim: &Simulation) -> String {
    serde_json::json!({ "events": sim.events_processed(), "books": sim.books() }).to_string()
}
