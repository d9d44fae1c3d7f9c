//! Step Functions data flow for JSONPath states: how a state's raw input becomes the
//! input its work sees and how its result becomes its output. Pure functions over JSON,
//! so the engine's interpreter (src/sim/behaviour/stepfn.rs) only says *when* each
//! step happens, and each AWS rule is tested here once.
//!
//! The order is AWS's ("Processing input and output in Step Functions"):
//! `InputPath` → `Parameters` (or a Map's `ItemSelector`) → the state's work →
//! `ResultSelector` → `ResultPath` → `OutputPath`.
//! - `InputPath`/`OutputPath` absent mean `$`; `null` gives `{}`.
//! - `ResultPath` absent or `$` replaces the input with the result; `null` keeps the
//!   input and discards the result; a path puts the result there, making objects on
//!   the way ("Specifying state output using ResultPath").
//! - A payload template's keys ending in `.$` take the value a path selects, from the
//!   state's input or, with `$$`, from the context object; other keys are copied.
//! - A path that matches nothing, or a `ResultPath` that runs into something that is
//!   not an object, fails the state with `States.Runtime`, which `Retry` and `Catch`
//!   on `States.ALL` do not handle ("Error handling in Step Functions").
//!
//! Simplified: intrinsic functions (`States.Format(...)`) and JSONPath beyond
//! Reference Paths (`$..a`, `[*]`, filters) are not evaluated and give `null`;
//! JSONata states (`Arguments`, `Output`, `Assign`) pass their input on.

use serde_json::{Map, Value};

use super::path::{reference_steps, resolve, Step};
use super::types::{Io, MapState, PathField};

/// The error every data-flow failure raises.
pub const RUNTIME_ERROR: &str = "States.Runtime";

/// A data-flow failure: the state fails with [`RUNTIME_ERROR`] and this cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataFlowError {
    pub cause: String,
}

/// Longest stretch of a JSON value quoted in a cause, as AWS quotes the input.
const QUOTED: usize = 200;

fn quoted(v: &Value) -> String {
    let text = v.to_string();
    match text.char_indices().nth(QUOTED) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text,
    }
}

/// What `path` selects in `value`: `Ok(None)` when a path that can be evaluated
/// matches nothing; `Ok(Some(Null))` for paths this simulator does not evaluate.
fn lookup(path: &str, value: &Value) -> Option<Value> {
    match resolve(path, value) {
        Ok(found) => found.cloned(),
        Err(_) => Some(Value::Null),
    }
}

/// `InputPath`, `OutputPath` or `ItemsPath` (named `field` in the cause) applied to `value`.
pub fn select(field: &str, path: &PathField, value: &Value) -> Result<Value, DataFlowError> {
    match path {
        PathField::Default => Ok(value.clone()),
        PathField::Null => Ok(Value::Object(Map::new())),
        PathField::Path(p) => lookup(p, value).ok_or_else(|| DataFlowError {
            cause: format!("Invalid path '{p}' in {field}: no results in the input '{}'", quoted(value)),
        }),
    }
}

/// A payload template (`Parameters`, `ResultSelector`, `ItemSelector`): keys ending in
/// `.$` take what their path selects in `input`, or in `context` for `$$` paths.
pub fn payload_template(template: &Value, input: &Value, context: &Value) -> Result<Value, DataFlowError> {
    match template {
        Value::Object(fields) => {
            let mut out = Map::with_capacity(fields.len());
            for (key, value) in fields {
                match (key.strip_suffix(".$"), value) {
                    (Some(name), Value::String(path)) => {
                        let (source, path) = match path.strip_prefix('$') {
                            Some(rest) if rest.starts_with('$') => (context, &path[1..]),
                            Some(_) => (input, path.as_str()),
                            // An intrinsic function: not evaluated.
                            None => {
                                out.insert(name.to_string(), Value::Null);
                                continue;
                            }
                        };
                        let found = lookup(path, source).ok_or_else(|| DataFlowError {
                            cause: format!(
                                "The JSONPath '{}' specified for the field '{key}' could not be found in the input '{}'",
                                value.as_str().unwrap_or_default(),
                                quoted(source)
                            ),
                        })?;
                        out.insert(name.to_string(), found);
                    }
                    _ => {
                        out.insert(key.clone(), payload_template(value, input, context)?);
                    }
                }
            }
            Ok(Value::Object(out))
        }
        Value::Array(items) => items.iter().map(|i| payload_template(i, input, context)).collect::<Result<_, _>>().map(Value::Array),
        other => Ok(other.clone()),
    }
}

/// `ResultPath`: combines the state's raw input with its result.
pub fn apply_result_path(path: &PathField, raw_input: Value, result: Value) -> Result<Value, DataFlowError> {
    let p = match path {
        PathField::Default => return Ok(result),
        PathField::Null => return Ok(raw_input),
        PathField::Path(p) => p,
    };
    let fail = |why: String| DataFlowError { cause: format!("Unable to apply ResultPath '{p}' to the input: {why}") };
    let steps: Vec<Step> = reference_steps(p).collect::<Result<_, _>>().map_err(fail)?;
    let Some((last, on_the_way)) = steps.split_last() else { return Ok(result) };
    let mut target = raw_input;
    let mut here = &mut target;
    for step in on_the_way {
        if !holds(step, here) {
            return Err(fail(format!("{} is not an object", quoted(here))));
        }
        here = match (step, here) {
            (Step::Field(name), Value::Object(fields)) => fields.entry(name.to_string()).or_insert_with(|| Value::Object(Map::new())),
            (Step::Index(i), Value::Array(items)) => &mut items[*i],
            (_, other) => other, // not reached: `holds` said it fits
        };
    }
    if !holds(last, here) {
        return Err(fail(format!("{} is not an object", quoted(here))));
    }
    match (last, here) {
        (Step::Field(name), Value::Object(fields)) => {
            fields.insert(name.to_string(), result);
        }
        (Step::Index(i), Value::Array(items)) => items[*i] = result,
        _ => {}
    }
    Ok(target)
}

/// Can `step` be taken from `value` (a field of an object, or an index inside an array)?
fn holds(step: &Step, value: &Value) -> bool {
    match (step, value) {
        (Step::Field(_), Value::Object(_)) => true,
        (Step::Index(i), Value::Array(items)) => *i < items.len(),
        _ => false,
    }
}

/// The state's effective input: `InputPath`, then `Parameters`.
pub fn effective_input(io: &Io, raw_input: &Value, context: &Value) -> Result<Value, DataFlowError> {
    let selected = select("InputPath", &io.input_path, raw_input)?;
    match &io.parameters {
        Some(p) => payload_template(p, &selected, context),
        None => Ok(selected),
    }
}

/// The output of a state that produced `result`: `ResultSelector`, `ResultPath`
/// (over the raw input), then `OutputPath`.
pub fn state_output(io: &Io, raw_input: &Value, result: Value, context: &Value) -> Result<Value, DataFlowError> {
    let result = match &io.result_selector {
        Some(s) => payload_template(s, &result, context)?,
        None => result,
    };
    let combined = apply_result_path(&io.result_path, raw_input.clone(), result)?;
    select("OutputPath", &io.output_path, &combined)
}

/// The output of a state without a result (Choice, Wait, Succeed): `OutputPath` over
/// its effective input (`InputPath`).
pub fn passed_through(io: &Io, raw_input: &Value) -> Result<Value, DataFlowError> {
    select("OutputPath", &io.output_path, &select("InputPath", &io.input_path, raw_input)?)
}

/// What a catcher passes on: `{"Error", "Cause"}` at its `ResultPath` in the state's raw input.
pub fn error_output(result_path: &PathField, raw_input: Value, error: &str, cause: &str) -> Result<Value, DataFlowError> {
    apply_result_path(result_path, raw_input, serde_json::json!({"Error": error, "Cause": cause}))
}

/// A Map state's items: `Items`, or what `ItemsPath` selects in the effective input
/// (it must be an array), each shaped by `ItemSelector`, which reads the input and, with
/// `$$.Map.Item.Value`/`Index`, the item (added to `context`).
pub fn map_items(map: &MapState, effective: &Value, context: &Value) -> Result<Vec<Value>, DataFlowError> {
    let items = match (&map.items, &map.items_path) {
        (Some(Value::Array(a)), _) => a.clone(),
        (_, path) => match select("ItemsPath", path, effective)? {
            Value::Array(a) => a,
            other => return Err(DataFlowError { cause: format!("The Map state's items are not an array: {}", quoted(&other)) }),
        },
    };
    let Some(selector) = &map.item_selector else { return Ok(items) };
    let mut context = context.clone();
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            context["Map"] = serde_json::json!({"Item": {"Value": item, "Index": i}});
            payload_template(selector, effective, &context)
        })
        .collect()
}

/// Does a payload template of this state read the context object (`$$`)? The
/// interpreter builds the context object only then.
pub fn uses_context(io: &Io) -> bool {
    fn reads(t: &Value) -> bool {
        match t {
            Value::Object(fields) => fields.iter().any(|(k, v)| match v {
                Value::String(s) => k.ends_with(".$") && s.starts_with("$$"),
                other => reads(other),
            }),
            Value::Array(items) => items.iter().any(reads),
            _ => false,
        }
    }
    io.parameters.as_ref().is_some_and(reads) || io.result_selector.as_ref().is_some_and(reads)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn path(p: &str) -> PathField {
        PathField::Path(p.to_string())
    }

    fn input() -> Value {
        json!({"comment": "This is a test", "details": "Default example", "who": "Step Functions"})
    }

    #[test]
    fn input_path_selects_and_null_gives_an_empty_object() {
        let raw = json!({"order": {"id": 7, "items": [1, 2]}});
        assert_eq!(select("InputPath", &path("$.order.items[1]"), &raw), Ok(json!(2)));
        assert_eq!(select("InputPath", &PathField::Default, &raw), Ok(raw.clone()));
        assert_eq!(select("InputPath", &PathField::Null, &raw), Ok(json!({})));
    }

    #[test]
    fn a_path_that_matches_nothing_is_a_runtime_error() {
        let raw = json!({"a": 1});
        let e = select("InputPath", &path("$.b"), &raw).expect_err("nothing at $.b");
        assert!(e.cause.contains("'$.b'") && e.cause.contains("InputPath"), "{}", e.cause);
        let e = select("OutputPath", &path("$.a.x"), &raw).expect_err("1 has no field x");
        assert!(e.cause.contains("OutputPath"), "{}", e.cause);
        let e = payload_template(&json!({"id.$": "$.missing"}), &raw, &Value::Null).expect_err("missing");
        assert!(e.cause.contains("'id.$'") && e.cause.contains("$.missing"), "{}", e.cause);
    }

    #[test]
    fn parameters_take_paths_from_keys_ending_in_dot_dollar() {
        let io = Io {
            input_path: path("$.order"),
            parameters: Some(json!({"static": "yes", "id.$": "$.id", "nested": {"first.$": "$.items[0]"}, "list": [{"n.$": "$.id"}], "execution.$": "$$.Execution.Name"})),
            ..Io::default()
        };
        let raw = json!({"order": {"id": 7, "items": ["a", "b"]}});
        let context = json!({"Execution": {"Name": "run-1"}});
        assert!(uses_context(&io));
        assert_eq!(
            effective_input(&io, &raw, &context),
            Ok(json!({"static": "yes", "id": 7, "nested": {"first": "a"}, "list": [{"n": 7}], "execution": "run-1"}))
        );
        // A key without `.$` keeps its string as written, even when it looks like a path.
        assert_eq!(payload_template(&json!({"id": "$.id"}), &json!({"id": 1}), &Value::Null), Ok(json!({"id": "$.id"})));
        // Intrinsic functions are not evaluated (documented simplification).
        assert_eq!(payload_template(&json!({"s.$": "States.UUID()"}), &json!({}), &Value::Null), Ok(json!({"s": null})));
        assert!(!uses_context(&Io { parameters: Some(json!({"id.$": "$.id"})), ..Io::default() }));
    }

    #[test]
    fn result_path_default_and_dollar_replace_the_input() {
        let result = json!("Hello, Step Functions!");
        assert_eq!(apply_result_path(&PathField::Default, input(), result.clone()), Ok(result.clone()));
        assert_eq!(apply_result_path(&path("$"), input(), result.clone()), Ok(result));
    }

    #[test]
    fn result_path_null_keeps_the_input() {
        assert_eq!(apply_result_path(&PathField::Null, input(), json!("Hello")), Ok(input()));
    }

    #[test]
    fn result_path_puts_the_result_inside_the_input() {
        let mut want = input();
        want["taskresult"] = json!("Hello, Step Functions!");
        assert_eq!(apply_result_path(&path("$.taskresult"), input(), json!("Hello, Step Functions!")), Ok(want));
        // Objects are made on the way; an existing field is replaced.
        assert_eq!(apply_result_path(&path("$.a.b"), json!({"a": {"c": 1}}), json!(2)), Ok(json!({"a": {"c": 1, "b": 2}})));
        assert_eq!(apply_result_path(&path("$['x y']"), json!({"x y": 1}), json!(2)), Ok(json!({"x y": 2})));
        assert_eq!(apply_result_path(&path("$.list[1]"), json!({"list": [0, 0]}), json!(5)), Ok(json!({"list": [0, 5]})));
    }

    #[test]
    fn result_path_into_something_that_is_not_an_object_fails() {
        let e = apply_result_path(&path("$.result"), json!("just text"), json!(1)).expect_err("a string has no fields");
        assert!(e.cause.contains("$.result") && e.cause.contains("not an object"), "{}", e.cause);
        assert!(apply_result_path(&path("$.a.b"), json!({"a": 3}), json!(1)).is_err());
    }

    #[test]
    fn result_selector_shapes_the_result_before_result_path() {
        let io = Io {
            result_selector: Some(json!({"status.$": "$.StatusCode", "kind": "lambda"})),
            result_path: path("$.invocation"),
            output_path: path("$.invocation"),
            ..Io::default()
        };
        let result = json!({"StatusCode": 200, "Payload": {"big": true}});
        assert_eq!(state_output(&io, &json!({"orderId": 1}), result, &Value::Null), Ok(json!({"status": 200, "kind": "lambda"})));
        let missing = state_output(&io, &json!({}), json!({"Payload": 1}), &Value::Null);
        assert!(missing.is_err(), "ResultSelector's $.StatusCode matches nothing");
    }

    #[test]
    fn output_path_null_gives_an_empty_object() {
        let io = Io { output_path: PathField::Null, ..Io::default() };
        assert_eq!(state_output(&io, &input(), json!({"r": 1}), &Value::Null), Ok(json!({})));
        assert_eq!(passed_through(&io, &input()), Ok(json!({})));
    }

    #[test]
    fn states_without_a_result_apply_input_path_then_output_path() {
        let io = Io { input_path: path("$.a"), output_path: path("$.b"), ..Io::default() };
        assert_eq!(passed_through(&io, &json!({"a": {"b": 3}})), Ok(json!(3)));
        assert!(passed_through(&io, &json!({"a": {}})).is_err());
    }

    #[test]
    fn a_catcher_puts_error_and_cause_at_its_result_path() {
        let out = error_output(&path("$.error"), json!({"order": 1}), "States.TaskFailed", "boom");
        assert_eq!(out, Ok(json!({"order": 1, "error": {"Error": "States.TaskFailed", "Cause": "boom"}})));
        assert_eq!(error_output(&PathField::Null, json!({"order": 1}), "E", "c"), Ok(json!({"order": 1})));
        assert_eq!(error_output(&PathField::Default, json!({"order": 1}), "E", "c"), Ok(json!({"Error": "E", "Cause": "c"})));
    }

    #[test]
    fn map_items_come_from_items_path_and_item_selector() {
        let processor = super::super::types::Branch { start_at: "P".into(), states: Vec::new() };
        let mut map = MapState {
            processor,
            items_path: path("$.lines"),
            items: None,
            item_selector: None,
            max_concurrency: None,
            retry: Vec::new(),
            catch: Vec::new(),
        };
        let input = json!({"order": 9, "lines": ["a", "b"]});
        assert_eq!(map_items(&map, &input, &Value::Null), Ok(vec![json!("a"), json!("b")]));
        map.item_selector = Some(json!({"order.$": "$.order", "line.$": "$$.Map.Item.Value", "at.$": "$$.Map.Item.Index"}));
        assert_eq!(
            map_items(&map, &input, &Value::Null),
            Ok(vec![json!({"order": 9, "line": "a", "at": 0}), json!({"order": 9, "line": "b", "at": 1})])
        );
        let not_array = map_items(&map, &json!({"lines": 3}), &Value::Null).expect_err("3 is not an array");
        assert!(not_array.cause.contains("not an array"), "{}", not_array.cause);
        assert!(map_items(&map, &json!({}), &Value::Null).is_err(), "ItemsPath matches nothing");
        map.items = Some(json!([1]));
        map.item_selector = None;
        assert_eq!(map_items(&map, &json!({}), &Value::Null), Ok(vec![json!(1)]));
    }

    #[test]
    fn long_inputs_are_cut_in_causes() {
        let big = json!({"text": "x".repeat(5_000)});
        let e = select("InputPath", &path("$.nope"), &big).expect_err("missing");
        assert!(e.cause.len() < 400, "{}", e.cause.len());
    }
}
