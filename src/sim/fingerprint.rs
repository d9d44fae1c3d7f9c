//! A run's fingerprint: what must come out the same natively and in the browser for
//! the same diagram, seed and duration (the books and the number of events).

use super::Simulation;

/// The run's events and books as one line of JSON (the reference run that uses it is
/// [`crate::lessons::simulate::reference_run`]).
pub fn fingerprint(sim: &Simulation) -> String {
    serde_json::json!({ "events": sim.events_processed(), "books": sim.books() }).to_string()
}
