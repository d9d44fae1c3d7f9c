//! `dlab events|sns|asl ...`: JSON Lines in, one JSON line out per input.
//!
//! Each input line is one request object; each output line answers it, in order.
//! A value given as a JSON string where an object is expected (`pattern`, `event`,
//! `definition`, `filter_policy`, `choice_rule`) is raw JSON text, parsed strictly so
//! that duplicate keys and malformed JSON are reported as AWS reports them. A bad
//! line gets `{"error": "why"}`; nothing here panics on input.

use std::io::{self, BufRead, BufWriter, Write};

use decouple_lab::routing::asl::{choice_matches, ChoiceRule, StateMachineDefinition};
use decouple_lab::routing::json_text::parse_strict;
use decouple_lab::routing::{
    EventPattern, FilterPolicy, FilterPolicyScope, MessageAttribute, SnsMessage,
};
use serde_json::{json, Map, Value};

/// `dlab events match`: `{"pattern": P, "event": E}` -> `{"match": bool}`.
pub fn events_match() -> i32 {
    run_lines(|request| {
        let pattern = compile_pattern(request)?;
        let event = document(request, "event", false)?;
        if !event.is_object() {
            return Err("the event must be a JSON object".to_owned());
        }
        Ok(json!({"match": pattern.matches(&event)}))
    })
}

/// `dlab events validate`: `{"pattern": P}` -> `{"valid": bool, "error"?: why}`.
pub fn events_validate() -> i32 {
    run_lines(|request| {
        let text_or_value = field(request, "pattern")?;
        let outcome = match text_or_value {
            Value::String(text) => EventPattern::parse(text),
            value => EventPattern::from_value(value),
        };
        Ok(validity(outcome.map(|_| ()).map_err(|e| e.to_string())))
    })
}

/// `dlab sns match`: policy, scope, body and attributes -> `{"match": bool}`.
pub fn sns_match() -> i32 {
    run_lines(|request| {
        let policy = compile_policy(request)?;
        let message = sns_message(request)?;
        Ok(json!({"match": policy.matches(&message)}))
    })
}

/// `dlab sns validate`: `{"filter_policy": F, "filter_policy_scope": S}`.
pub fn sns_validate() -> i32 {
    run_lines(|request| {
        let scope = policy_scope(request)?;
        let outcome = match field(request, "filter_policy")? {
            Value::String(text) => FilterPolicy::parse(text, scope),
            value => FilterPolicy::from_value(value, scope),
        };
        Ok(validity(outcome.map(|_| ()).map_err(|e| e.to_string())))
    })
}

/// `dlab asl validate`: `{"definition": D}` -> `{"valid": bool, "errors": [...]}`.
pub fn asl_validate() -> i32 {
    run_lines(|request| {
        let outcome = match field(request, "definition")? {
            Value::String(text) => StateMachineDefinition::parse(text),
            value => StateMachineDefinition::from_value(value),
        };
        let errors: Vec<String> = outcome.err().unwrap_or_default().into_iter().map(|e| e.en).collect();
        Ok(json!({"valid": errors.is_empty(), "errors": errors}))
    })
}

/// `dlab asl choice`: `{"choice_rule": R, "input": I}` -> `{"match": bool}`.
pub fn asl_choice() -> i32 {
    run_lines(|request| {
        let rule_value = document(request, "choice_rule", true)?;
        let rule = ChoiceRule::from_choices_entry(&rule_value)
            .map_err(|errors| errors.iter().map(|e| e.en.as_str()).collect::<Vec<_>>().join("; "))?;
        let input = request.get("input").cloned().unwrap_or(Value::Null);
        Ok(json!({"match": choice_matches(&rule, &input)?}))
    })
}

/// Reads stdin line by line, answers each with `handle`, and flushes once at the end.
fn run_lines(handle: impl Fn(&Map<String, Value>) -> Result<Value, String>) -> i32 {
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for line in stdin.lock().lines() {
        let answer = match line {
            Ok(line) => answer_line(&line, &handle),
            Err(e) => json!({"error": format!("cannot read input: {e}")}),
        };
        if writeln!(out, "{answer}").is_err() {
            return 1;
        }
    }
    if out.flush().is_err() {
        return 1;
    }
    0
}

fn answer_line(line: &str, handle: &impl Fn(&Map<String, Value>) -> Result<Value, String>) -> Value {
    let request = match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return json!({"error": "each input line must be a JSON object"}),
        Err(e) => return json!({"error": format!("input line is not valid JSON: {e}")}),
    };
    handle(&request).unwrap_or_else(|why| json!({"error": why}))
}

fn field<'a>(request: &'a Map<String, Value>, name: &str) -> Result<&'a Value, String> {
    request.get(name).ok_or_else(|| format!("missing \"{name}\""))
}

/// A document that may arrive as a JSON value or as raw JSON text in a string.
fn document(request: &Map<String, Value>, name: &str, strict: bool) -> Result<Value, String> {
    match field(request, name)? {
        Value::String(text) if strict => parse_strict(text).map_err(|e| format!("\"{name}\" is not valid JSON: {e}")),
        Value::String(text) => {
            serde_json::from_str(text).map_err(|e| format!("\"{name}\" is not valid JSON: {e}"))
        }
        value => Ok(value.clone()),
    }
}

fn validity(outcome: Result<(), String>) -> Value {
    match outcome {
        Ok(()) => json!({"valid": true}),
        Err(why) => json!({"valid": false, "error": why}),
    }
}

fn compile_pattern(request: &Map<String, Value>) -> Result<EventPattern, String> {
    match field(request, "pattern")? {
        Value::String(text) => EventPattern::parse(text),
        value => EventPattern::from_value(value),
    }
    .map_err(|e| e.to_string())
}

fn policy_scope(request: &Map<String, Value>) -> Result<FilterPolicyScope, String> {
    match request.get("filter_policy_scope") {
        None | Some(Value::Null) => Ok(FilterPolicyScope::MessageAttributes),
        Some(Value::String(name)) => FilterPolicyScope::from_name(name)
            .ok_or_else(|| format!("unknown filter_policy_scope \"{name}\"")),
        Some(_) => Err("filter_policy_scope must be a string".to_owned()),
    }
}

fn compile_policy(request: &Map<String, Value>) -> Result<FilterPolicy, String> {
    let scope = policy_scope(request)?;
    match field(request, "filter_policy")? {
        Value::String(text) => FilterPolicy::parse(text, scope),
        value => FilterPolicy::from_value(value, scope),
    }
    .map_err(|e| e.to_string())
}

fn sns_message(request: &Map<String, Value>) -> Result<SnsMessage, String> {
    let body = match request.get("message") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    };
    let mut message = SnsMessage::new(body);
    match request.get("message_attributes") {
        None | Some(Value::Null) => {}
        Some(Value::Object(attributes)) => {
            for (name, attribute) in attributes {
                message.attributes.push((name.clone(), message_attribute(name, attribute)?));
            }
        }
        Some(_) => return Err("message_attributes must be an object".to_owned()),
    }
    Ok(message)
}

/// Accepts the Publish shape `{DataType, StringValue}` and the delivery shape `{Type, Value}`.
fn message_attribute(name: &str, attribute: &Value) -> Result<MessageAttribute, String> {
    let Value::Object(fields) = attribute else {
        return Err(format!("message attribute \"{name}\" must be an object"));
    };
    let data_type = fields
        .get("DataType")
        .or_else(|| fields.get("Type"))
        .and_then(Value::as_str)
        .ok_or_else(|| format!("message attribute \"{name}\" needs a DataType"))?;
    let string_value = match fields.get("StringValue").or_else(|| fields.get("Value")) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    };
    Ok(MessageAttribute { data_type: data_type.to_owned(), string_value })
}
