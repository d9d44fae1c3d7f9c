//! Reading older format versions: a chain of steps, each taking the JSON of version `n`
//! to version `n + 1`. A file of version `v` goes through `STEPS[v..]`.
//!
//! Adding version 2 means: bump [`CURRENT_VERSION`], add the step `v1_to_v2` at the end of
//! [`STEPS`], keep the version 1 fixtures in `tests/fixtures/` reading, and describe the
//! change in `docs/diagram-format.md`.

use super::error::ShareError;
use super::{CURRENT_VERSION, FORMAT_NAME};
use serde_json::{Map, Value};

/// One migration step: the JSON of version `n` in, the JSON of version `n + 1` out.
/// A step never fails; whatever it cannot make sense of is left for the reader to refuse.
pub type Step = fn(Value) -> Value;

/// `STEPS[n]` takes version `n` to `n + 1`; its length is [`CURRENT_VERSION`].
pub const STEPS: &[Step] = &[v0_to_v1];

/// The format version of a parsed file: checks the `format` marker and the `version`.
pub fn version_of(value: &Value) -> Result<u64, ShareError> {
    let object = value.as_object().ok_or(ShareError::NotADiagram)?;
    if object.get("format").and_then(Value::as_str) != Some(FORMAT_NAME) {
        return Err(ShareError::NotADiagram);
    }
    let version = object.get("version").and_then(Value::as_u64).ok_or(ShareError::BadVersion)?;
    if version > CURRENT_VERSION {
        return Err(ShareError::NewerVersion { version });
    }
    Ok(version)
}

/// Brings a parsed file of any known version up to [`CURRENT_VERSION`].
pub fn to_current(value: Value) -> Result<Value, ShareError> {
    let from = version_of(&value)?;
    Ok(run_chain(value, from, STEPS))
}

/// Applies `steps[from..]` in order, setting `version` after each step.
pub fn run_chain(mut value: Value, from: u64, steps: &[Step]) -> Value {
    let start = usize::try_from(from).unwrap_or(usize::MAX);
    for (index, step) in steps.iter().enumerate().skip(start) {
        value = step(value);
        if let Value::Object(object) = &mut value {
            object.insert("version".into(), Value::from(index as u64 + 1));
        }
    }
    value
}

/// Version 0 was the pre-release prototype's shape (documented in docs/diagram-format.md):
///
/// ```json
/// {"format": "decouple-lab", "version": 0, "seed": 7, "duration_s": 120, "exercise": "...",
///  "nodes": [{"id": 0, "type": "queue", "label": "Orders", "x": 10, "y": 20, "settings": {...}}],
///  "edges": [{"id": 0, "source": 0, "target": 1, "type": "send", "settings": {...}}]}
/// ```
///
/// Version 1 renamed nodes/edges to components/connections, `type` to `kind`, `label` to
/// `name`, `source`/`target` to `from`/`to`, moved `x`/`y` into `position` and `seed`/
/// `duration_s` into `run`.
fn v0_to_v1(value: Value) -> Value {
    let Value::Object(mut old) = value else { return value };
    let mut new = Map::new();
    new.insert("format".into(), old.remove("format").unwrap_or(Value::Null));
    new.insert("version".into(), Value::from(1u64));
    if let Some(exercise) = old.remove("exercise") {
        new.insert("exercise".into(), exercise);
    }
    let mut run = Map::new();
    for key in ["seed", "duration_s"] {
        if let Some(v) = old.remove(key) {
            run.insert(key.into(), v);
        }
    }
    if !run.is_empty() {
        new.insert("run".into(), Value::Object(run));
    }
    let nodes = match old.remove("nodes") {
        Some(Value::Array(nodes)) => nodes.into_iter().map(node_to_component).collect(),
        Some(other) => return keep_for_refusal(new, "components", other, old),
        None => Vec::new(),
    };
    new.insert("components".into(), Value::Array(nodes));
    let edges = match old.remove("edges") {
        Some(Value::Array(edges)) => edges.into_iter().map(edge_to_connection).collect(),
        Some(other) => return keep_for_refusal(new, "connections", other, old),
        None => Vec::new(),
    };
    new.insert("connections".into(), Value::Array(edges));
    // Anything else is carried over so that the reader can name it as unknown.
    for (key, v) in old {
        new.entry(key).or_insert(v);
    }
    Value::Object(new)
}

fn keep_for_refusal(mut new: Map<String, Value>, key: &str, value: Value, rest: Map<String, Value>) -> Value {
    new.insert(key.into(), value);
    for (k, v) in rest {
        new.entry(k).or_insert(v);
    }
    Value::Object(new)
}

fn rename(object: &mut Map<String, Value>, from: &str, to: &str) {
    if let Some(v) = object.remove(from) {
        object.insert(to.into(), v);
    }
}

fn node_to_component(node: Value) -> Value {
    let Value::Object(mut node) = node else { return node };
    rename(&mut node, "type", "kind");
    rename(&mut node, "label", "name");
    let (x, y) = (node.remove("x"), node.remove("y"));
    if x.is_some() || y.is_some() {
        let mut position = Map::new();
        position.insert("x".into(), x.unwrap_or(Value::from(0)));
        position.insert("y".into(), y.unwrap_or(Value::from(0)));
        node.insert("position".into(), Value::Object(position));
    }
    let order = ["id", "kind", "name", "position", "settings", "faults"];
    reorder(node, &order)
}

fn edge_to_connection(edge: Value) -> Value {
    let Value::Object(mut edge) = edge else { return edge };
    rename(&mut edge, "source", "from");
    rename(&mut edge, "target", "to");
    rename(&mut edge, "type", "kind");
    reorder(edge, &["id", "from", "to", "kind", "settings"])
}

fn reorder(mut object: Map<String, Value>, order: &[&str]) -> Value {
    let mut out = Map::new();
    for key in order {
        if let Some(v) = object.remove(*key) {
            out.insert((*key).into(), v);
        }
    }
    out.extend(object);
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn add_a(mut v: Value) -> Value {
        v["a"] = json!(true);
        v
    }
    fn add_b(mut v: Value) -> Value {
        v["b"] = json!(v["a"].clone());
        v
    }

    #[test]
    fn the_chain_runs_from_the_file_version_on_and_sets_each_version() {
        let steps: &[Step] = &[add_a, add_b];
        assert_eq!(run_chain(json!({"version": 0}), 0, steps), json!({"version": 2, "a": true, "b": true}));
        assert_eq!(run_chain(json!({"version": 1}), 1, steps), json!({"version": 2, "b": null}));
        assert_eq!(run_chain(json!({"version": 2}), 2, steps), json!({"version": 2}));
    }

    #[test]
    fn there_is_one_step_per_older_version() {
        assert_eq!(STEPS.len() as u64, CURRENT_VERSION);
    }

    #[test]
    fn newer_versions_are_refused_in_words() {
        let error = to_current(json!({"format": "decouple-lab", "version": 3})).unwrap_err();
        assert_eq!(
            error.to_string(),
            "This diagram was made by a newer Decouple Lab (format version 3); this one reads up to version 1."
        );
    }

    #[test]
    fn version_0_becomes_version_1() {
        let v0 = json!({"format": "decouple-lab", "version": 0, "seed": 7,
            "nodes": [{"id": 0, "type": "queue", "label": "Q", "x": 1, "y": 2}],
            "edges": [{"id": 0, "source": 0, "target": 0, "type": "redrive"}]});
        let v1 = to_current(v0).unwrap();
        assert_eq!(
            v1,
            json!({"format": "decouple-lab", "version": 1, "run": {"seed": 7},
                "components": [{"id": 0, "kind": "queue", "name": "Q", "position": {"x": 1, "y": 2}}],
                "connections": [{"id": 0, "from": 0, "to": 0, "kind": "redrive"}]})
        );
    }
}
