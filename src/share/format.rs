//! The versioned JSON format: the wire types, writing with defaults left out, and
//! reading with limits checked first, migration, defaults filled in and ranges checked.

use super::error::{clean, ShareError};
use crate::text::{grouped, Lang, Message};
use super::{CURRENT_VERSION, FORMAT_NAME, MAX_COMPONENTS, MAX_CONNECTIONS, MAX_DEPTH, MAX_EXERCISE_CHARS, MAX_JSON_BYTES, MAX_NAME_CHARS, MAX_SETTINGS_BYTES};
use crate::model::{
    check_component, check_connection, default_settings, Component, ComponentId, ComponentKind, Connection, ConnectionId,
    ConnectionKind, ConnectionSettings, Diagram, Faults, ModelError, Point, RunSettings, Spec,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// A whole diagram file, as written (version [`CURRENT_VERSION`]).
///
/// `run`, component `settings` and `faults`, and connection `settings` hold only the
/// fields that differ from their defaults; reading fills the rest in.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(
    not(target_arch = "wasm32"),
    schemars(
        title = "Decouple Lab diagram",
        description = "A Decouple Lab diagram (format version 1). Settings, faults and run settings hold only the fields that differ from their defaults. See docs/diagram-format.md."
    )
)]
#[serde(deny_unknown_fields)]
pub struct DiagramFile {
    /// Always "decouple-lab".
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "schema::format_name"))]
    pub format: String,
    /// The format version; this reader reads up to 1 and migrates older ones.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "schema::version"))]
    pub version: u64,
    /// The exercise this diagram answers, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = MAX_EXERCISE_CHARS)))]
    pub exercise: Option<String>,
    /// How long to run and with which seed (fields left out take their defaults).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "RunSettings"))]
    pub run: Map<String, Value>,
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = MAX_COMPONENTS)))]
    pub components: Vec<ComponentEntry>,
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = MAX_CONNECTIONS)))]
    pub connections: Vec<ConnectionEntry>,
}

/// A component as written. Its schema (kind-dependent `settings`) is written by hand in
/// `schema.rs`, from the model's settings types.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComponentEntry {
    pub id: ComponentId,
    pub kind: ComponentKind,
    #[serde(default)]
    pub name: String,
    #[serde(default, serialize_with = "short_point")]
    pub position: Point,
    /// The kind's settings that differ from the kind's defaults.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub settings: Map<String, Value>,
    /// Faults that differ from "no fault".
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub faults: Map<String, Value>,
}

/// A connection as written.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ConnectionEntry {
    pub id: ConnectionId,
    pub from: ComponentId,
    pub to: ComponentId,
    pub kind: ConnectionKind,
    /// Settings that differ from the defaults for this kind and source (a Kinesis event
    /// source mapping's batch size defaults to 100, a rule has a catch-all pattern).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "ConnectionSettings"))]
    pub settings: Map<String, Value>,
}

// ---------------------------------------------------------------------------------------
// Writing

/// The file for `diagram`, with defaults left out.
pub fn to_file(diagram: &Diagram) -> DiagramFile {
    let components = diagram.components().map(component_entry).collect();
    let connections = diagram
        .connections()
        .map(|c| {
            let from = diagram.kind_of(c.from).unwrap_or(ComponentKind::Client);
            let mut settings = diff(to_object(&c.settings), to_object(&default_settings(c.kind, from)));
            shorten_map(&mut settings);
            ConnectionEntry { id: c.id, from: c.from, to: c.to, kind: c.kind, settings }
        })
        .collect();
    let mut run = diff(to_object(&diagram.run), to_object(&RunSettings::default()));
    shorten_map(&mut run);
    DiagramFile {
        format: FORMAT_NAME.to_string(),
        version: CURRENT_VERSION,
        exercise: diagram.exercise.clone(),
        run,
        components,
        connections,
    }
}

fn component_entry(component: &Component) -> ComponentEntry {
    let kind = component.kind();
    let mut settings = diff(spec_settings(&component.spec), spec_settings(&Spec::default_for(kind)));
    shorten_map(&mut settings);
    let mut faults = diff(to_object(&component.faults), to_object(&Faults::default()));
    for (key, value) in faults.iter_mut() {
        // A poison value is the learner's own JSON: keep it exactly as it is.
        if key != "poison" {
            shorten(value);
        }
    }
    let mut position = component.position;
    // JSON has no NaN or infinity; a broken position becomes the origin.
    if !position.x.is_finite() {
        position.x = 0.0;
    }
    if !position.y.is_finite() {
        position.y = 0.0;
    }
    ComponentEntry { id: component.id, kind, name: component.name.clone(), position, settings, faults }
}

/// The settings object of a spec (`{"kind": ..., "settings": {...}}` -> `{...}`).
pub(crate) fn spec_settings(spec: &Spec) -> Map<String, Value> {
    match serde_json::to_value(spec) {
        Ok(Value::Object(mut object)) => match object.remove("settings") {
            Some(Value::Object(settings)) => settings,
            _ => Map::new(),
        },
        _ => Map::new(),
    }
}

fn to_object<T: Serialize>(value: &T) -> Map<String, Value> {
    match serde_json::to_value(value) {
        Ok(Value::Object(object)) => object,
        _ => Map::new(),
    }
}

/// The fields of `value` that differ from `default`, in `value`'s order.
fn diff(value: Map<String, Value>, default: Map<String, Value>) -> Map<String, Value> {
    value.into_iter().filter(|(key, v)| default.get(key) != Some(v)).collect()
}

fn short_point<S: serde::Serializer>(point: &Point, serializer: S) -> Result<S::Ok, S::Error> {
    let mut value = serde_json::json!({ "x": point.x, "y": point.y });
    shorten(&mut value);
    value.serialize(serializer)
}

fn shorten_map(map: &mut Map<String, Value>) {
    map.values_mut().for_each(shorten);
}

/// Whole floats are written without ".0" (`5` instead of `5.0`): links stay shorter, and
/// the typed fields read both back to the same `f64`.
fn shorten(value: &mut Value) {
    match value {
        Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|_| n.is_f64()) {
                if f.fract() == 0.0 && f.abs() < 9.0e15 && !(f == 0.0 && f.is_sign_negative()) {
                    *value = Value::from(f as i64);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(shorten),
        Value::Object(map) => shorten_map(map),
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------
// Reading

/// Brackets nesting deeper than `max` (outside strings)? A cheap scan before any parsing.
pub(crate) fn nests_deeper_than(text: &str, max: usize) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &b in text.as_bytes() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > max {
                    return true;
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// Reads a diagram from JSON text: limits, migration, defaults, ranges and the rule table.
pub fn read(text: &str) -> Result<Diagram, ShareError> {
    if text.len() > MAX_JSON_BYTES {
        return Err(ShareError::TooLarge);
    }
    if nests_deeper_than(text, MAX_DEPTH) {
        return Err(ShareError::TooDeep);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            ShareError::JsonCutOff
        } else {
            ShareError::InvalidJson { detail: e.to_string().split(" at line ").next().unwrap_or("").to_string(), line: e.line(), column: e.column() }
        }
    })?;
    read_value(value)
}

/// Reads a diagram from parsed JSON (whose depth [`read`] has already checked).
pub(crate) fn read_value(value: Value) -> Result<Diagram, ShareError> {
    let value = super::migrate::to_current(value)?;
    let Value::Object(mut top) = value else {
        return Err(ShareError::NotADiagram);
    };

    // Counts first, before anything is built.
    let components = take_array(&mut top, "components")?;
    if components.len() > MAX_COMPONENTS {
        return Err(ShareError::TooManyComponents { count: components.len() });
    }
    let connections = take_array(&mut top, "connections")?;
    if connections.len() > MAX_CONNECTIONS {
        return Err(ShareError::TooManyConnections { count: connections.len() });
    }
    let settings_bytes: usize = components
        .iter()
        .chain(connections.iter())
        .filter_map(Value::as_object)
        .flat_map(|entry| ["settings", "faults"].into_iter().filter_map(|key| entry.get(key)))
        .map(text_bytes)
        .sum();
    if settings_bytes > MAX_SETTINGS_BYTES {
        return Err(ShareError::SettingsTooLong { bytes: settings_bytes });
    }
    for (index, entry) in components.iter().enumerate() {
        if let Some(name) = entry.get("name").and_then(Value::as_str) {
            let chars = name.chars().count();
            if chars > MAX_NAME_CHARS {
                return Err(ShareError::NameTooLong { component: describe_raw_component(index, entry), chars });
            }
        }
    }

    // The top level, without the two lists.
    top.insert("components".into(), Value::Array(Vec::new()));
    top.insert("connections".into(), Value::Array(Vec::new()));
    let file = DiagramFile::deserialize(Value::Object(top))
        .map_err(|e| ShareError::Malformed { place: msg!("the top level of the diagram", "cấp ngoài cùng của sơ đồ"), detail: e.to_string() })?;
    if let Some(exercise) = &file.exercise {
        let chars = exercise.chars().count();
        if chars > MAX_EXERCISE_CHARS {
            return Err(ShareError::ExerciseTooLong { chars });
        }
    }
    let run: RunSettings = merge_into(to_object(&RunSettings::default()), file.run)
        .map_err(|e| ShareError::Malformed { place: msg!("the run settings", "thiết lập lượt chạy"), detail: e.to_string() })?;
    check_run(&run)?;

    // Components.
    let mut built = Vec::with_capacity(components.len());
    let mut kinds: HashMap<ComponentId, ComponentKind> = HashMap::with_capacity(components.len());
    for (index, raw) in components.into_iter().enumerate() {
        let place = describe_raw_component(index, &raw);
        if let Some(kind) = raw.get("kind").and_then(Value::as_str) {
            if ComponentKind::from_key(kind).is_none() {
                return Err(ShareError::UnknownComponentKind { component: place, kind: kind.to_string() });
            }
        }
        let entry = ComponentEntry::deserialize(raw).map_err(|e| ShareError::Malformed { place: place.clone(), detail: e.to_string() })?;
        if kinds.contains_key(&entry.id) {
            let id = entry.id.0;
            return Err(ShareError::Refused { message: msg!("two components have the same id {id}.", "hai thành phần có cùng id {id}.") });
        }
        let component = build_component(entry, &place)?;
        if let Some(error) = check_component(&component).into_iter().next() {
            return Err(ShareError::OutOfRange { place, field: error.field.to_string(), message: error.message });
        }
        kinds.insert(component.id, component.kind());
        built.push(component);
    }

    // Connections.
    let mut links = Vec::with_capacity(connections.len());
    for (index, raw) in connections.into_iter().enumerate() {
        let place = describe_raw_connection(index, &raw);
        if let Some(kind) = raw.get("kind").and_then(Value::as_str) {
            if serde_json::from_value::<ConnectionKind>(Value::String(kind.to_string())).is_err() {
                return Err(ShareError::UnknownConnectionKind { connection: place, kind: kind.to_string() });
            }
        }
        let entry = ConnectionEntry::deserialize(raw).map_err(|e| ShareError::Malformed { place: place.clone(), detail: e.to_string() })?;
        for end in [entry.from, entry.to] {
            if !kinds.contains_key(&end) {
                return Err(ShareError::MissingEnd { connection: place, component: end.0 });
            }
        }
        let from_kind = kinds[&entry.from];
        let settings: ConnectionSettings = merge_into(to_object(&default_settings(entry.kind, from_kind)), entry.settings)
            .map_err(|e| ShareError::Malformed { place: settings_of(&place), detail: e.to_string() })?;
        if let Some(error) = check_connection(entry.kind, from_kind, &settings).into_iter().next() {
            return Err(ShareError::OutOfRange { place, field: error.field.to_string(), message: error.message });
        }
        links.push(Connection { id: entry.id, from: entry.from, to: entry.to, kind: entry.kind, settings });
    }

    let mut diagram = Diagram::from_parts(built, links).map_err(model_error)?;
    diagram.run = run;
    diagram.exercise = file.exercise;
    Ok(diagram)
}

/// "the settings of {place}", in both languages.
fn settings_of(place: &Message) -> Message {
    let (en, vi) = (&place.en, &place.vi);
    msg!("the settings of {en}", "thiết lập của {vi}")
}

fn build_component(entry: ComponentEntry, place: &Message) -> Result<Component, ShareError> {
    let kind = entry.kind;
    let settings = merge(spec_settings(&Spec::default_for(kind)), entry.settings);
    let mut tagged = Map::new();
    tagged.insert("kind".into(), Value::String(kind.key().to_string()));
    tagged.insert("settings".into(), Value::Object(settings));
    let (en, vi, kind_en, kind_vi) = (&place.en, &place.vi, kind.with_article(), kind.noun_in(Lang::Vi));
    let spec = Spec::deserialize(Value::Object(tagged)).map_err(|e| ShareError::Malformed {
        place: msg!("the settings of {en}, {kind_en}", "thiết lập của {vi}, loại {kind_vi}"),
        detail: e.to_string(),
    })?;
    let faults: Faults = merge_into(to_object(&Faults::default()), entry.faults).map_err(|e| ShareError::Malformed {
        place: msg!("the faults of {en}", "các lỗi giả lập của {vi}"),
        detail: e.to_string(),
    })?;
    Ok(Component { id: entry.id, name: entry.name, position: entry.position, spec, faults })
}

fn merge(mut defaults: Map<String, Value>, given: Map<String, Value>) -> Map<String, Value> {
    for (key, value) in given {
        defaults.insert(key, value);
    }
    defaults
}

fn merge_into<T: for<'de> Deserialize<'de>>(defaults: Map<String, Value>, given: Map<String, Value>) -> Result<T, serde_json::Error> {
    T::deserialize(Value::Object(merge(defaults, given)))
}

fn take_array(top: &mut Map<String, Value>, key: &str) -> Result<Vec<Value>, ShareError> {
    match top.remove(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(ShareError::NotAList { field: key.to_string() }),
    }
}

/// Bytes of text (strings and keys) inside a JSON value.
fn text_bytes(value: &Value) -> usize {
    match value {
        Value::String(s) => s.len(),
        Value::Array(items) => items.iter().map(text_bytes).sum(),
        Value::Object(map) => map.iter().map(|(k, v)| k.len() + text_bytes(v)).sum(),
        _ => 0,
    }
}

fn check_run(run: &RunSettings) -> Result<(), ShareError> {
    if !(run.duration_s > 0.0 && run.duration_s <= super::MAX_DURATION_S) {
        return Err(ShareError::BadRunSettings {
            message: {
                let (max_en, max_vi) = (grouped(super::MAX_DURATION_S as usize, Lang::En), grouped(super::MAX_DURATION_S as usize, Lang::Vi));
                msg!(
                    "the run length (duration_s) must be more than 0 and at most {max_en} seconds.",
                    "thời lượng chạy (duration_s) phải lớn hơn 0 và tối đa {max_vi} giây."
                )
            },
        });
    }
    Ok(())
}

/// "the component "Orders" (id 3)" or "component number 4 in the list".
fn describe_raw_component(index: usize, raw: &Value) -> Message {
    let id = raw.get("id").and_then(Value::as_u64);
    let name = raw.get("name").and_then(Value::as_str).filter(|n| !n.trim().is_empty()).map(|n| clean(n, 40));
    let number = index + 1;
    match (name, id) {
        (Some(name), Some(id)) => msg!("the component \"{name}\" (id {id})", "thành phần \"{name}\" (id {id})"),
        (None, Some(id)) => msg!("the component with id {id}", "thành phần có id {id}"),
        _ => msg!("component number {number} in the list", "thành phần thứ {number} trong danh sách"),
    }
}

fn describe_raw_connection(index: usize, raw: &Value) -> Message {
    let number = index + 1;
    match raw.get("id").and_then(Value::as_u64) {
        Some(id) => msg!("the connection with id {id}", "kết nối có id {id}"),
        None => msg!("connection number {number} in the list", "kết nối thứ {number} trong danh sách"),
    }
}

fn model_error(error: ModelError) -> ShareError {
    // Files name ids by their number, as they are written there.
    let message = match &error {
        ModelError::DuplicateComponentId(ComponentId(id)) => msg!("two components have the same id {id}.", "hai thành phần có cùng id {id}."),
        ModelError::DuplicateConnectionId(crate::model::ConnectionId(id)) => msg!("two connections have the same id {id}.", "hai kết nối có cùng id {id}."),
        ModelError::NoSuchComponent(ComponentId(id)) => msg!(
            "a connection refers to component {id}, which isn't in the diagram.",
            "một kết nối trỏ tới thành phần {id}, thành phần này không có trong sơ đồ."
        ),
        _ => error.message(),
    };
    ShareError::Refused { message }
}

#[cfg(not(target_arch = "wasm32"))]
pub(crate) mod schema {
    use schemars::{json_schema, Schema, SchemaGenerator};

    pub fn format_name(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "const": super::FORMAT_NAME })
    }

    pub fn version(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "integer",
            "minimum": 0,
            "maximum": super::CURRENT_VERSION,
            "description": "Files of older versions are migrated when read; newer ones are refused."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_scan_ignores_brackets_in_strings() {
        assert!(!nests_deeper_than(r#"{"a": "[[[[[[[[[[\"[[[[["}"#, 2));
        assert!(nests_deeper_than("[[[", 2));
        assert!(!nests_deeper_than("[[]][[]]", 2));
    }

    #[test]
    fn shorten_keeps_fractions_and_negative_zero() {
        let mut v = serde_json::json!([5.0, 0.25, -0.0, 3, 1e300]);
        shorten(&mut v);
        assert_eq!(serde_json::to_string(&v).unwrap(), "[5,0.25,-0.0,3,1e+300]");
    }
}
