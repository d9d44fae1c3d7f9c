//! `docs/diagram.schema.json` is the schema generated from the Rust types, and it
//! describes what the writer produces.
#![cfg(not(target_arch = "wasm32"))]

use decouple_lab::model::ComponentKind;
use decouple_lab::share;
use serde_json::Value;

const REGENERATE: &str = "cargo run --bin dlab -- share schema > docs/diagram.schema.json";

fn kept() -> String {
    let path = format!("{}/docs/diagram.schema.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}; create it with `{REGENERATE}`"))
}

#[test]
fn the_schema_file_matches_the_types() {
    let generated = share::json_schema();
    let kept = kept();
    if generated != kept {
        let line = generated.lines().zip(kept.lines()).position(|(a, b)| a != b).map(|i| i + 1);
        panic!(
            "docs/diagram.schema.json is out of date with the Rust types (first difference at line {}); regenerate it with `{REGENERATE}`",
            line.map_or_else(|| "the end".to_string(), |l| l.to_string())
        );
    }
}

#[test]
fn the_schema_covers_every_kind_and_the_limits() {
    let schema: Value = serde_json::from_str(&share::json_schema()).unwrap();
    assert_eq!(schema["properties"]["format"]["const"], "decouple-lab");
    assert_eq!(schema["properties"]["version"]["maximum"], share::CURRENT_VERSION);
    assert_eq!(schema["properties"]["components"]["maxItems"], share::MAX_COMPONENTS);
    assert_eq!(schema["properties"]["connections"]["maxItems"], share::MAX_CONNECTIONS);
    assert_eq!(schema["properties"]["exercise"]["maxLength"], share::MAX_EXERCISE_CHARS);
    let component = &schema["$defs"]["Component"];
    assert_eq!(component["properties"]["name"]["maxLength"], share::MAX_NAME_CHARS);
    let branches = component["allOf"].as_array().unwrap();
    for kind in ComponentKind::ALL {
        assert!(
            branches.iter().any(|b| b["if"]["properties"]["kind"]["const"] == kind.key()),
            "no settings schema for {}",
            kind.key()
        );
    }
    // Settings are optional field by field: nothing in a kind's settings is required.
    for def in ["QueueSpec", "ClientSpec", "ConnectionSettings", "Faults", "RunSettings"] {
        assert!(schema["$defs"][def]["required"].is_null(), "{def} requires fields");
    }
}

#[test]
fn the_example_in_the_format_document_opens() {
    let doc = std::fs::read_to_string(format!("{}/docs/diagram-format.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let start = doc.find("```json\n").expect("an example") + "```json\n".len();
    let example = &doc[start..start + doc[start..].find("```").unwrap()];
    let diagram = share::from_json(example).unwrap_or_else(|e| panic!("the example doesn't open: {e}"));
    assert_eq!((diagram.component_count(), diagram.connection_count()), (4, 3));
    // It is written the way the writer writes it, apart from layout.
    let written: Value = serde_json::from_str(&share::to_json(&diagram)).unwrap();
    assert_eq!(written, serde_json::from_str::<Value>(example).unwrap());
}
