//! How checks run the simulation: the diagram as the learner drew it, or with its own
//! traffic silenced and a test client in front.

use crate::model::{ComponentId, ComponentKind, Diagram, Point};
use crate::model::spec::{Spec, Traffic};
use crate::sim::Simulation;
use crate::text::Message;

/// Runs `diagram` for `secs` simulated seconds with its own seed, as the page and
/// `dlab simulate` do, or says why it cannot run.
pub fn run(diagram: &Diagram, secs: f64) -> Result<Simulation, Message> {
    let mut sim = Simulation::new(diagram).map_err(|e| e.0)?;
    sim.run_for((secs * 1e6) as u64);
    Ok(sim)
}

/// The lesson's order-processing pattern run for 60 simulated seconds with its seed,
/// as one line of JSON (its [`crate::sim::fingerprint::fingerprint`]).
/// `tests/fixtures/sim_fingerprint.json` holds the native result; a native test and a
/// browser test both compare against it.
pub fn reference_run() -> String {
    let diagram: Diagram = super::pattern("order-processing").map(|p| p.diagram()).unwrap_or_default();
    match run(&diagram, 60.0) {
        Ok(sim) => crate::sim::fingerprint::fingerprint(&sim),
        Err(why) => format!("{{\"error\": {why:?}}}"),
    }
}

/// Quiets the diagram's own clients and event sources, so a check measures only the
/// traffic it sends itself.
pub fn silence_sources(diagram: &mut Diagram) {
    let ids: Vec<ComponentId> = diagram.components().filter(|c| matches!(c.kind(), ComponentKind::Client | ComponentKind::EventSource)).map(|c| c.id).collect();
    for id in ids {
        if let Some(c) = diagram.component_mut(id) {
            match &mut c.spec {
                Spec::Client(s) => {
                    s.rate_per_s = 0.0;
                    s.traffic = Traffic::Steady;
                }
                Spec::EventSource(s) => s.rate_per_s = 0.0,
                _ => {}
            }
        }
    }
}

/// Adds the check's own waiting client in front of `entry`; `None` if a client cannot
/// connect to it.
pub fn add_test_client(diagram: &mut Diagram, name: &str, entry: ComponentId, rate_per_s: f64, payload: Option<&str>) -> Option<ComponentId> {
    let at = diagram.component(entry)?.position;
    let client = diagram.add_component(ComponentKind::Client, name, Point { x: at.x - 256.0, y: at.y });
    if let Some(Spec::Client(s)) = diagram.component_mut(client).map(|c| &mut c.spec) {
        s.rate_per_s = rate_per_s;
        s.traffic = Traffic::Steady;
        s.waits_for_reply = true;
        s.timeout_ms = 30_000;
        if let Some(p) = payload {
            s.payload = p.to_string();
        }
    }
    match diagram.connect(client, entry) {
        Ok(_) => Some(client),
        Err(_) => {
            let _ = diagram.remove_component(client);
            None
        }
    }
}
