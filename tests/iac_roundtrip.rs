//! Export then import gives the same diagram, positions and ids aside: every ready-made
//! pattern, and random diagrams built from the rule table.
#![cfg(not(target_arch = "wasm32"))]

use decouple_lab::iac;
use decouple_lab::lessons::patterns;
use decouple_lab::model::Diagram;
use proptest::prelude::*;
use serde_json::{json, Value};

#[path = "support/random_diagram.rs"]
mod random_diagram;
use random_diagram::{build, diagram_seed};

/// The diagram with ids and positions replaced by names, sorted: what a round trip keeps.
fn canonical(d: &Diagram) -> Value {
    let name = |id| d.component(id).map(|c| c.name.clone()).unwrap_or_default();
    let mut components: Vec<String> = d
        .components()
        .map(|c| json!({"name": c.name, "spec": c.spec, "faults": c.faults}).to_string())
        .collect();
    components.sort();
    let mut connections: Vec<String> = d
        .connections()
        .map(|c| {
            let mut settings = serde_json::to_value(&c.settings).unwrap();
            settings["dead_letter_queue"] = json!(c.settings.dead_letter_queue.map(name));
            json!({"from": name(c.from), "to": name(c.to), "kind": c.kind, "settings": settings}).to_string()
        })
        .collect();
    connections.sort();
    json!({"components": components, "connections": connections, "run": d.run, "exercise": d.exercise})
}

/// What one canonical form has that the other lacks, for a short failure message.
fn difference(want: &Value, got: &Value) -> String {
    let lines = |v: &Value| -> Vec<String> {
        ["components", "connections"].iter().flat_map(|k| v[k].as_array().cloned().unwrap_or_default()).map(|x| x.to_string()).collect()
    };
    let (w, g) = (lines(want), lines(got));
    let missing: Vec<&String> = w.iter().filter(|x| !g.contains(x)).collect();
    let extra: Vec<&String> = g.iter().filter(|x| !w.contains(x)).collect();
    format!("missing {missing:?}, extra {extra:?}, run/exercise {} vs {}", json!([want["run"], want["exercise"]]), json!([got["run"], got["exercise"]]))
}

fn round_trip(d: &Diagram) -> Result<Diagram, String> {
    let template = iac::export(d);
    iac::import(&template).map(|i| i.diagram).map_err(|e| format!("{e}\n{template}"))
}

#[test]
fn every_pattern_survives_export_then_import() {
    let mut failed = Vec::new();
    for p in patterns() {
        let d = p.diagram();
        assert!(d.component_count() > 0, "{}", p.id);
        match round_trip(&d) {
            Ok(back) if canonical(&back) == canonical(&d) => {}
            Ok(back) => failed.push(format!("{}:\n  want {}\n  got  {}", p.id, canonical(&d), canonical(&back))),
            Err(e) => failed.push(format!("{}: {e}", p.id)),
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn a_round_trip_keeps_what_only_the_lab_knows_in_metadata() {
    let p = patterns().iter().find(|p| p.id == "sns-fanout").expect("the SNS fan-out pattern");
    let mut d = p.diagram();
    let first = d.components().next().unwrap().id;
    d.component_mut(first).unwrap().faults.down = true;
    let template = iac::export(&d);
    assert!(template.contains("DecoupleLab:"), "{template}");
    let back = iac::import(&template).unwrap().diagram;
    assert_eq!(canonical(&back), canonical(&d));
    assert!(back.components().any(|c| c.faults.down));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Random diagrams (every kind, random settings, faults and names, any connection the
    /// rule table allows) come back from their SAM template unchanged but for positions and ids.
    #[test]
    fn random_diagrams_survive_export_then_import(seed in diagram_seed()) {
        let d = build(&seed);
        let template = iac::export(&d);
        let back = iac::import(&template);
        prop_assert!(back.is_ok(), "{:?}\n{}", back.err(), template);
        let (want, got) = (canonical(&d), canonical(&back.unwrap().diagram));
        prop_assert!(want == got, "differs: {}\n{}", difference(&want, &got), template);
    }
}
