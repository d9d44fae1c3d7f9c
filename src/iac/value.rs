//! A template's text (YAML with CloudFormation's short-form tags, or JSON) as one JSON
//! value, with every intrinsic function in its long form (`!GetAtt A.Arn` ->
//! `{"Fn::GetAtt": ["A", "Arn"]}`), so the importer reads one shape whatever was written.
//!
//! YAML is read event by event (saphyr-parser) and the tree is built here, so that alias
//! expansion and nesting are limited before memory is spent: an alias bomb or a
//! thousand nested brackets is refused with one sentence, never expanded.

use super::error::IacError;
use saphyr_parser::{Event, Parser, ScalarStyle, Tag};
use serde_json::{Map, Number, Value};
use std::collections::HashMap;

/// The largest template read, as CloudFormation's own limit for a template in S3 (1 MB).
pub const MAX_TEMPLATE_BYTES: usize = 1024 * 1024;
/// The deepest nesting read (real templates, state machine definitions included, stay
/// under 30).
pub const MAX_NESTING: usize = 100;
/// The most values a template may expand to, aliases included: a 1 MB template of
/// plain values holds far fewer, an alias bomb far more.
pub const MAX_NODES: usize = 500_000;

/// CloudFormation's intrinsic functions and condition functions, by their long names.
pub const INTRINSICS: &[&str] = &[
    "Fn::Base64",
    "Fn::Cidr",
    "Fn::FindInMap",
    "Fn::GetAtt",
    "Fn::GetAZs",
    "Fn::ImportValue",
    "Fn::Join",
    "Fn::Select",
    "Fn::Split",
    "Fn::Sub",
    "Fn::Transform",
    "Fn::Length",
    "Fn::ToJsonString",
    "Fn::ForEach",
    "Fn::And",
    "Fn::Equals",
    "Fn::If",
    "Fn::Not",
    "Fn::Or",
];

/// Reads YAML or JSON text into one value with intrinsic functions in long form.
pub fn parse(text: &str) -> Result<Value, IacError> {
    if text.len() > MAX_TEMPLATE_BYTES {
        return Err(IacError::TooLarge { bytes: text.len() });
    }
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.is_empty() {
        return Err(IacError::Empty);
    }
    let value = if trimmed.starts_with('{') { parse_json(trimmed)? } else { parse_yaml(trimmed)? };
    check_functions(&value, 0)?;
    Ok(value)
}

fn parse_json(text: &str) -> Result<Value, IacError> {
    if crate::share::format::nests_deeper_than(text, MAX_NESTING) {
        return Err(IacError::TooDeep);
    }
    serde_json::from_str(text).map_err(|e| {
        if e.to_string().contains("recursion limit") {
            IacError::TooDeep
        } else {
            IacError::Syntax { detail: e.to_string().split(" at line ").next().unwrap_or("").to_string(), line: e.line() }
        }
    })
}

/// A container being built while its events arrive.
enum Open {
    Seq { items: Vec<Value>, anchor: usize, tag: Option<String> },
    Map { map: Map<String, Value>, key: Option<String>, anchor: usize, tag: Option<String> },
}

fn parse_yaml(text: &str) -> Result<Value, IacError> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Open> = Vec::new();
    let mut anchors: HashMap<usize, Value> = HashMap::new();
    let mut nodes = 0usize;
    let mut root: Option<Value> = None;
    let mut documents = 0;
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|e| {
            if e.info().contains("recursion limit") {
                IacError::TooDeep
            } else {
                IacError::Syntax { detail: e.info().to_string(), line: e.marker().line() }
            }
        })?;
        let line = span.start.line();
        let done: Option<(Value, usize)> = match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => None,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(IacError::NotATemplate);
                }
                None
            }
            Event::Alias(id) => {
                let value = anchors.get(&id).cloned().ok_or(IacError::Syntax { detail: "unknown alias".into(), line })?;
                nodes += count(&value);
                if nodes > MAX_NODES {
                    return Err(IacError::AliasBomb);
                }
                Some((value, 0))
            }
            Event::Scalar(text, style, anchor, tag) => {
                nodes += 1;
                let tag = tag.map(|t| tag_name(&t));
                let plain = matches!(style, ScalarStyle::Plain) && tag.is_none();
                let value = if plain { plain_scalar(&text) } else { Value::String(text.into_owned()) };
                Some((apply_tag(tag.as_deref(), value, line)?, anchor))
            }
            Event::SequenceStart(anchor, tag) => {
                if stack.len() >= MAX_NESTING {
                    return Err(IacError::TooDeep);
                }
                stack.push(Open::Seq { items: Vec::new(), anchor, tag: tag.map(|t| tag_name(&t)) });
                None
            }
            Event::MappingStart(anchor, tag) => {
                if stack.len() >= MAX_NESTING {
                    return Err(IacError::TooDeep);
                }
                stack.push(Open::Map { map: Map::new(), key: None, anchor, tag: tag.map(|t| tag_name(&t)) });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Open::Seq { items, anchor, tag }) => {
                    nodes += 1;
                    Some((apply_tag(tag.as_deref(), Value::Array(items), line)?, anchor))
                }
                Some(Open::Map { map, anchor, tag, .. }) => {
                    nodes += 1;
                    Some((apply_tag(tag.as_deref(), Value::Object(map), line)?, anchor))
                }
                None => None,
            },
        };
        if nodes > MAX_NODES {
            return Err(IacError::AliasBomb);
        }
        if let Some((value, anchor)) = done {
            if anchor > 0 {
                anchors.insert(anchor, value.clone());
            }
            match stack.last_mut() {
                Some(Open::Seq { items, .. }) => items.push(value),
                Some(Open::Map { map, key, .. }) => match key.take() {
                    None => match value {
                        Value::String(k) => *key = Some(k),
                        Value::Number(n) => *key = Some(n.to_string()),
                        Value::Bool(b) => *key = Some(b.to_string()),
                        Value::Null => *key = Some(String::new()),
                        _ => return Err(IacError::Syntax { detail: "a mapping key must be plain text".into(), line }),
                    },
                    Some(k) => {
                        map.insert(k, value);
                    }
                },
                None => root = Some(value),
            }
        }
    }
    root.ok_or(IacError::Empty)
}

fn count(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(count).sum::<usize>(),
        Value::Object(map) => 1 + map.values().map(count).sum::<usize>(),
        _ => 1,
    }
}

fn tag_name(tag: &Tag) -> String {
    format!("{}{}", tag.handle, tag.suffix)
}

/// A plain (unquoted, untagged) scalar as YAML 1.2's core schema types it.
fn plain_scalar(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && !(digits.len() > 1 && digits.starts_with('0')) {
        if let Ok(n) = text.parse::<i64>() {
            return Value::Number(n.into());
        }
    }
    // Leading zeros (account ids, "0123") stay text.
    let leading_zero = digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0.");
    let looks_float = !leading_zero
        && digits.bytes().next().is_some_and(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && digits.bytes().any(|b| b.is_ascii_digit());
    if looks_float {
        if let Some(n) = text.parse::<f64>().ok().and_then(Number::from_f64) {
            return Value::Number(n);
        }
    }
    Value::String(text.to_string())
}

/// A tagged value in long form: `!Ref X` -> `{"Ref": "X"}`, `!GetAtt A.B` ->
/// `{"Fn::GetAtt": ["A", "B"]}`; YAML's own `!!str` and friends type the scalar.
fn apply_tag(tag: Option<&str>, value: Value, line: usize) -> Result<Value, IacError> {
    let Some(tag) = tag else { return Ok(value) };
    let name = tag.strip_prefix('!').unwrap_or(tag);
    if let Some(core) = name.strip_prefix('!').or_else(|| name.strip_prefix("tag:yaml.org,2002:")) {
        return Ok(match (core, &value) {
            ("str", Value::Number(n)) => Value::String(n.to_string()),
            ("int" | "float", Value::String(s)) => plain_scalar(s),
            _ => value,
        });
    }
    let long = match name {
        "Ref" => return Ok(single("Ref", value)),
        "Condition" => return Ok(single("Condition", value)),
        "GetAtt" => {
            let value = match value {
                Value::String(s) => match s.split_once('.') {
                    Some((resource, attribute)) => Value::Array(vec![resource.into(), attribute.into()]),
                    None => Value::String(s),
                },
                other => other,
            };
            return Ok(single("Fn::GetAtt", value));
        }
        other => format!("Fn::{other}"),
    };
    if !INTRINSICS.contains(&long.as_str()) {
        return Err(IacError::UnknownFunction { name: format!("!{name}"), line: Some(line) });
    }
    Ok(single(&long, value))
}

fn single(key: &str, value: Value) -> Value {
    let mut map = Map::new();
    map.insert(key.to_string(), value);
    Value::Object(map)
}

/// Refuses a long-form `Fn::` function CloudFormation does not have (a typo in JSON).
fn check_functions(value: &Value, depth: usize) -> Result<(), IacError> {
    if depth > MAX_NESTING {
        return Err(IacError::TooDeep);
    }
    match value {
        Value::Object(map) => {
            if map.len() == 1 {
                if let Some(key) = map.keys().next() {
                    if key.starts_with("Fn::") && !INTRINSICS.contains(&key.as_str()) {
                        return Err(IacError::UnknownFunction { name: key.clone(), line: None });
                    }
                }
            }
            map.values().try_for_each(|v| check_functions(v, depth + 1))
        }
        Value::Array(items) => items.iter().try_for_each(|v| check_functions(v, depth + 1)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn short_forms_become_long_forms() {
        let v = parse("A: !Ref Q\nB: !GetAtt Q.Arn\nC: !Sub '${Q}-x'\nD: !Join ['', [a, !Ref Q]]\nE: 0123\nF: 30\nG: 2010-09-09\nH: true\n").unwrap();
        assert_eq!(
            v,
            json!({"A": {"Ref": "Q"}, "B": {"Fn::GetAtt": ["Q", "Arn"]}, "C": {"Fn::Sub": "${Q}-x"},
                   "D": {"Fn::Join": ["", ["a", {"Ref": "Q"}]]}, "E": "0123", "F": 30, "G": "2010-09-09", "H": true})
        );
    }

    #[test]
    fn quoted_numbers_stay_text() {
        assert_eq!(parse("A: '30'\nB: \"true\"").unwrap(), json!({"A": "30", "B": "true"}));
    }
}
