//! The JSON Schema of the diagram format, generated from the Rust types (native only).
//! `docs/diagram.schema.json` holds its text; `tests/share_schema.rs` fails when they
//! differ. Regenerate with `cargo run --bin dlab -- share schema > docs/diagram.schema.json`.

use super::format::{ComponentEntry, DiagramFile};
use crate::model::spec::*;
use crate::model::{ComponentId, ComponentKind, Faults, Point};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;

/// The schema as pretty JSON text with a final newline, exactly as kept in
/// `docs/diagram.schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(DiagramFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The schema of one kind's settings.
fn settings_schema(kind: ComponentKind, g: &mut SchemaGenerator) -> Schema {
    use ComponentKind as K;
    // An exhaustive match: a new kind in the model does not compile until it is here.
    match kind {
        K::Client => g.subschema_for::<ClientSpec>(),
        K::ApiGateway => g.subschema_for::<ApiGatewaySpec>(),
        K::EventSource => g.subschema_for::<EventSourceSpec>(),
        K::Queue => g.subschema_for::<QueueSpec>(),
        K::Topic => g.subschema_for::<TopicSpec>(),
        K::EventBus => g.subschema_for::<EventBusSpec>(),
        K::Stream => g.subschema_for::<StreamSpec>(),
        K::DeliveryStream => g.subschema_for::<DeliveryStreamSpec>(),
        K::Function => g.subschema_for::<FunctionSpec>(),
        K::WorkerGroup => g.subschema_for::<WorkerGroupSpec>(),
        K::Service => g.subschema_for::<ServiceSpec>(),
        K::StateMachine => g.subschema_for::<StateMachineSpec>(),
        K::Database => g.subschema_for::<DatabaseSpec>(),
        K::ObjectStorage => g.subschema_for::<ObjectStorageSpec>(),
        K::SearchIndex => g.subschema_for::<SearchIndexSpec>(),
        K::Analytics => g.subschema_for::<AnalyticsSpec>(),
        K::Notification => g.subschema_for::<NotificationSpec>(),
    }
}

impl JsonSchema for ComponentEntry {
    fn schema_name() -> Cow<'static, str> {
        "Component".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "decouple_lab::share::ComponentEntry".into()
    }

    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let id = g.subschema_for::<ComponentId>();
        let kind = g.subschema_for::<ComponentKind>();
        let position = g.subschema_for::<Point>();
        let faults = g.subschema_for::<Faults>();
        let by_kind: Vec<Schema> = ComponentKind::ALL
            .into_iter()
            .map(|k| {
                let settings = settings_schema(k, g);
                json_schema!({
                    "if": { "properties": { "kind": { "const": k.key() } } },
                    "then": { "properties": { "settings": settings } }
                })
            })
            .collect();
        json_schema!({
            "description": "A box on the canvas. `settings` holds only the kind's settings that differ from the kind's defaults; `faults` only the faults that are set.",
            "type": "object",
            "properties": {
                "id": id,
                "kind": kind,
                "name": { "type": "string", "maxLength": super::MAX_NAME_CHARS, "default": "" },
                "position": position,
                "settings": { "type": "object", "description": "The kind's settings (see the `then` branches for each kind)." },
                "faults": faults
            },
            "required": ["id", "kind"],
            "additionalProperties": false,
            "allOf": by_kind
        })
    }
}
